namespace GoChat.GrainInterfaces.Models;

/// <summary>An upload as its owner sees it (the tus resource's state, and what its checks found).</summary>
/// <param name="RefusalCode">For a refused upload: FILE_TYPE_NOT_ALLOWED, FILE_TYPE_MISMATCH, FILE_INFECTED or FILE_UNSCANNABLE.</param>
/// <param name="Attachment">For a ready upload: how a message will show it.</param>
[GenerateSerializer, Immutable, Alias("gochat.upload-info")]
public sealed record UploadInfo(
    [property: Id(0)] Guid UploadId,
    [property: Id(1)] string Name,
    [property: Id(2)] long Length,
    [property: Id(3)] long Received,
    [property: Id(4)] UploadStatus Status,
    [property: Id(5)] string Store,
    [property: Id(6)] DateTimeOffset ExpiresAt,
    [property: Id(7)] string? RefusalCode = null,
    [property: Id(8)] string? Refusal = null,
    [property: Id(9)] Attachment? Attachment = null);
