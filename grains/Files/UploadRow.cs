namespace GoChat.Grains.Files;

/// <summary>An upload as gochat_uploads holds it; the upload grain's state.</summary>
public sealed record UploadRow(
    Guid UploadId,
    Guid OwnerId,
    Guid ScopeId,
    string Store,
    string Name,
    string? DeclaredType,
    long Length,
    long Received,
    int Writers,
    UploadStatus Status,
    Guid? BlobId,
    string? RefusalCode,
    string? Refusal,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    bool Encrypted = false);
