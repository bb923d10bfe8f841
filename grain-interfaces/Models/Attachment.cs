namespace GoChat.GrainInterfaces.Models;

/// <summary>
/// One file of a message, as every member's client shows it. The bytes are fetched through a short-lived link bound to
/// the member (the gateway's download route); nothing here lets anyone fetch them.
/// </summary>
/// <param name="BlobId">The stored content (deduplicated within an agency: one copy however often it is sent).</param>
/// <param name="Name">Sanitised for display and download; the extension agrees with the bytes.</param>
/// <param name="ContentType">Decided by the bytes, never by the name or the uploader's claim.</param>
/// <param name="HasPreview">A picture of the image or of the video's first frame, at most a screen wide, without EXIF.</param>
/// <param name="Placeholder">A picture of a few pixels (base64), shown blurred while the thumbnail loads.</param>
/// <param name="Waveform">A voice note's loudness as <see cref="Limits.MaxWaveformSamples"/> bytes at most (base64), from the sender's client.</param>
/// <param name="Encrypted">A client-encrypted blob (secret chats): the key is in the encrypted message, the server holds
/// ciphertext only and never scanned it; clients warn before opening.</param>
/// <param name="Unscanned">No scanner checked it (the agency's policy allows that): clients warn before opening.</param>
[GenerateSerializer, Immutable, Alias("gochat.attachment")]
public sealed record Attachment(
    [property: Id(0)] Guid BlobId,
    [property: Id(1)] string Name,
    [property: Id(2)] long Size,
    [property: Id(3)] string ContentType,
    [property: Id(4)] AttachmentKind Kind,
    [property: Id(5)] int? Width = null,
    [property: Id(6)] int? Height = null,
    [property: Id(7)] int? DurationMs = null,
    [property: Id(8)] string? Waveform = null,
    [property: Id(9)] bool HasPreview = false,
    [property: Id(10)] bool HasThumbnail = false,
    [property: Id(11)] string? Placeholder = null,
    [property: Id(12)] bool Unscanned = false,
    [property: Id(13)] bool Encrypted = false);
