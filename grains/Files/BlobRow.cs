using GoChat.Files.Scanning;

namespace GoChat.Grains.Files;

/// <summary>One stored content (gochat_blobs): what it is, what the scanner said, and the pictures made from it.</summary>
public sealed record BlobRow(
    Guid BlobId,
    Guid ScopeId,
    byte[] Sha256,
    string Store,
    long Length,
    string ContentType,
    AttachmentKind Kind,
    ScanOutcome Scan,
    string? ScanDetail,
    int? Width,
    int? Height,
    StoredPicture? Preview,
    StoredPicture? Thumbnail,
    byte[]? Placeholder,
    bool Encrypted = false);

/// <summary>A picture made from a blob, stored under its own file id in the blob's store.</summary>
public sealed record StoredPicture(Guid FileId, long Length, string ContentType);
