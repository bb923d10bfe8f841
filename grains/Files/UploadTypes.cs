using GoChat.Files.Storage;

namespace GoChat.Grains.Files;

/// <summary>What an upload's bytes are, or why they are refused.</summary>
public static class UploadTypes
{
    public sealed record Decided(UploadType? Type, (string Code, string Reason)? Refusal);

    public sealed record UploadType(string ContentType, AttachmentKind Kind);

    // TEMPORARY until the sniffer lands (files/Types): everything is an opaque file.
    public static Task<Decided> Decide(UploadRow row, StoredFileStream content, CancellationToken ct) =>
        Task.FromResult(new Decided(new UploadType("application/octet-stream", AttachmentKind.File), null));
}
