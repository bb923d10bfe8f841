namespace GoChat.GrainInterfaces;

/// <summary>
/// One upload (a tus resource), keyed by its id, owned by the user who created it; anyone else meets
/// UPLOAD_NOT_FOUND. The gateway streams the bytes into the file store itself and reports each stored chunk here, so
/// the upload's offset is never ahead of what is stored. When the last byte is in, the upload is checked (type, hash,
/// scanner, pictures) before it can be sent.
/// </summary>
[Alias("gochat.IUploadGrain")]
public interface IUploadGrain : IGrainWithGuidKey
{
    /// <summary>FILE_TOO_LARGE past the configured limit: refused before any byte is stored.</summary>
    [Alias("Create")] Task<UploadInfo> Create(Guid owner, NewUpload upload);

    [Alias("Get")] Task<UploadInfo> Get(Guid owner);

    /// <summary>
    /// A request is about to write bytes from <paramref name="offset"/> (UPLOAD_OFFSET_MISMATCH unless that is where the
    /// upload stands). It writes its chunks under the grant's file id; an earlier request still writing loses its turn.
    /// </summary>
    [Alias("BeginWrite")] Task<UploadWrite> BeginWrite(Guid owner, long offset);

    /// <summary>
    /// The writer's chunk [from, to) is stored under its file id: it becomes part of the upload. Refused
    /// (UPLOAD_OFFSET_MISMATCH) for a writer that lost its turn or a chunk that is not the next. Reaching the end starts
    /// the checks; until they clear it, the upload is Checking (quarantined).
    /// </summary>
    [Alias("Advance")] Task<UploadInfo> Advance(Guid owner, int writer, long from, long to);

    /// <summary>tus termination: the upload and its stored bytes are gone (a blob already sent elsewhere stays).</summary>
    [Alias("Terminate")] Task Terminate(Guid owner);

    /// <summary>
    /// For a conversation grain: the attachment a ready upload of the owner's becomes in a message. FILE_QUARANTINED
    /// while it is checked, the refusal's code once refused, UPLOAD_INCOMPLETE before its last byte.
    /// </summary>
    [Alias("Attach")] Task<Attachment> Attach(Guid owner, AttachmentInput input);

    /// <summary>For a conversation grain, once the message carrying it is stored: the upload's hold on its blob ends.</summary>
    [Alias("Sent")] Task Sent(Guid owner);

    /// <summary>For the sweeper: checks that stalled (the scanner was down, the silo stopped) run again.</summary>
    [Alias("Recheck")] Task Recheck(Guid owner);
}
