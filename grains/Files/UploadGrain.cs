using Microsoft.Extensions.Logging;
using GoChat.Files;
using GoChat.Files.Storage;
using Microsoft.Extensions.Options;

namespace GoChat.Grains.Files;

/// <summary>
/// One upload: its owner, how far its bytes have come, and what its checks found. Its row in gochat_uploads is its
/// state, so the sweeper can find uploads that expired or whose checks stalled. The checks run in the background once
/// the last byte is in; the owner asks (<see cref="Get"/>) or is answered when they try to send it.
/// </summary>
[GrainType("upload")]
public sealed class UploadGrain(
    UploadStore uploads,
    UploadChecks checks,
    FileStores stores,
    IOptions<FilesOptions> options,
    TimeProvider time,
    ILogger<UploadGrain> logger) : Grain, IUploadGrain
{
    private UploadRow? _row;
    private Task? _checking;

    private Guid Id => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _row = await uploads.Load(Id);
        // Checks that were under way when their silo stopped, or waited for a scanner that was down, start over.
        if (_row is { Status: UploadStatus.Checking }) StartChecks();
    }

    public async Task<UploadInfo> Create(Guid owner, NewUpload upload)
    {
        if (_row is { } existing)
        {
            // A retried creation (same owner, same file) is answered as the first was; anything else cannot have this id.
            if (existing.OwnerId == owner && existing.Length == upload.Length) return Info(existing);
            throw new GoChatException(ErrorCodes.AlreadyExists, "This upload id is taken.");
        }
        var max = options.Value.MaxUploadBytes;
        if (upload.Length > max) throw TooLarge(max);
        if (upload.Length < 0) throw GoChatException.Invalid("Upload-Length must not be negative.");
        var now = time.GetUtcNow();
        var row = new UploadRow(Id, owner, upload.ScopeId, upload.Store, upload.Name, upload.DeclaredType, upload.Length, 0, 0,
            UploadStatus.Receiving, null, null, null, now, now.AddHours(options.Value.UploadHours), upload.Encrypted);
        if (upload.Encrypted && !options.Value.AllowEncryptedFiles) throw EncryptedNotAllowed();
        await uploads.Insert(row);
        _row = row;
        if (row.Length == 0) await Advance(owner, (await BeginWrite(owner, 0)).Writer, 0, 0);
        return Info(_row!);
    }

    public async Task<UploadInfo> Get(Guid owner)
    {
        var row = Own(owner);
        // Ready: how a message will show it (dimensions, placeholder), so the sender's preview needs no second call.
        if (row is not { Status: UploadStatus.Ready, BlobId: { } blob }) return Info(row);
        return Info(row) with { Attachment = AttachmentRules.For(row, await checks.Blob(blob), new AttachmentInput(Id)) };
    }

    public async Task<UploadWrite> BeginWrite(Guid owner, long offset)
    {
        var row = RequireAt(Own(owner), offset);
        var next = row with { Writers = row.Writers + 1 };
        await uploads.Update(next, time.GetUtcNow());
        _row = next;
        return new UploadWrite(UploadFileIds.Writer(Id, next.Writers), next.Writers, Info(next));
    }

    public async Task<UploadInfo> Advance(Guid owner, int writer, long from, long to)
    {
        var row = RequireAt(Own(owner), from);
        if (writer != row.Writers) throw new GoChatException(ErrorCodes.UploadOffsetMismatch, "Another request took over this upload; ask where it stands.");
        if (to < from || to > row.Length) throw GoChatException.Invalid("The chunk passes the end of the upload.");
        // Only this grain, one call at a time, puts chunks into the assembled file.
        if (to > from) await stores.Get(row.Store).MoveChunk(UploadFileIds.Writer(Id, writer), from, UploadFileIds.Assembled(Id), CancellationToken.None);
        var done = to == row.Length;
        var next = row with { Received = to, Status = done ? UploadStatus.Checking : UploadStatus.Receiving };
        await uploads.Update(next, time.GetUtcNow());
        _row = next;
        if (done) StartChecks();
        return Info(next);
    }

    private static UploadRow RequireAt(UploadRow row, long offset) =>
        row.Status == UploadStatus.Receiving && offset == row.Received
            ? row
            : throw new GoChatException(ErrorCodes.UploadOffsetMismatch, row.Status == UploadStatus.Receiving
                ? $"The upload stands at {row.Received} bytes, not {offset}."
                : "Every byte of this upload is in.");

    public async Task Terminate(Guid owner)
    {
        var row = Own(owner);
        if (_checking is { IsCompleted: false } running) await running;
        // Bytes that became a blob may be another upload's or a message's too: the sweeper frees them when nobody is left.
        if (row.BlobId is null) await checks.DeleteBytes(row, assembledToo: true);
        await uploads.Delete(Id);
        _row = null;
        DeactivateOnIdle();
    }

    public async Task<Attachment> Attach(Guid owner, AttachmentInput input)
    {
        var row = Own(owner);
        switch (row.Status)
        {
            case UploadStatus.Receiving:
                throw new GoChatException(ErrorCodes.UploadIncomplete, $"The upload has {row.Received} of {row.Length} bytes.");
            case UploadStatus.Checking:
                throw new GoChatException(ErrorCodes.FileQuarantined, "The file is still being checked; send it once it is cleared.");
            case UploadStatus.Refused:
                throw new GoChatException(row.RefusalCode ?? ErrorCodes.FileTypeNotAllowed, row.Refusal ?? "The file was refused.");
        }
        var blob = await checks.Blob(row.BlobId!.Value);
        return AttachmentRules.For(row, blob, input);
    }

    public async Task Sent(Guid owner)
    {
        var row = Own(owner);
        // What is left is only what requests that lost their turn wrote; the assembled file is the blob's now.
        await checks.DeleteBytes(row, assembledToo: false);
        await uploads.Delete(Id);
        _row = null;
        DeactivateOnIdle();
    }

    public Task Recheck(Guid owner)
    {
        if (Own(owner).Status == UploadStatus.Checking) StartChecks();
        return Task.CompletedTask;
    }

    private void StartChecks()
    {
        if (_checking is { IsCompleted: false }) return;
        _checking = RunChecks();
    }

    private async Task RunChecks()
    {
        var row = _row!;
        // Long checks (a 100 MB scan) must not end with the activation idle-collected under them.
        DelayDeactivation(TimeSpan.FromMinutes(10));
        try
        {
            var checkedRow = await Task.Run(() => checks.Check(row));
            if (_row?.UploadId == checkedRow.UploadId) _row = checkedRow;
        }
        catch (Exception ex)
        {
            // The upload stays quarantined; the sweeper starts its checks again later.
            logger.LogWarning(ex, "Checks of upload {UploadId} failed; it stays quarantined", row.UploadId);
        }
    }

    private UploadRow Own(Guid owner) =>
        _row is { } row && row.OwnerId == owner && row.ExpiresAt > time.GetUtcNow()
            ? row
            : throw new GoChatException(ErrorCodes.UploadNotFound, "No such upload.");

    private static UploadInfo Info(UploadRow row) => new(row.UploadId, row.Name, row.Length, row.Received, row.Status, row.Store, row.ExpiresAt,
        row.RefusalCode, row.Refusal);

    public static GoChatException EncryptedNotAllowed() =>
        new(ErrorCodes.EncryptedFileNotAllowed, "This agency does not allow files in secret chats: they cannot be checked for malware.");

    public static GoChatException TooLarge(long max) =>
        new(ErrorCodes.FileTooLarge, $"A file may be at most {max / (1024 * 1024)} MB.");
}
