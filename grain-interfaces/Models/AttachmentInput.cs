namespace GoChat.GrainInterfaces.Models;

/// <summary>
/// A finished upload to attach to a message. The kind is asked for (a voice note, a photo sent as a file) and granted
/// when the bytes fit it; duration and waveform come from the recording client, bounded by <see cref="Limits"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("gochat.attachment-input")]
public sealed record AttachmentInput(
    [property: Id(0)] Guid UploadId,
    [property: Id(1)] AttachmentKind? Kind = null,
    [property: Id(2)] int? DurationMs = null,
    [property: Id(3)] string? Waveform = null);
