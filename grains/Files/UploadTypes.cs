using GoChat.Files.Storage;
using GoChat.Files.Types;

namespace GoChat.Grains.Files;

/// <summary>What an upload's bytes are (by the sniffer's allowlist, never by the name or the claim alone), or why they are refused.</summary>
public static class UploadTypes
{
    public sealed record Decided(UploadType? Type, (string Code, string Reason)? Refusal);

    /// <param name="ContentType">What the file is served as.</param>
    /// <param name="Kind">How a message shows it unless the sender asks otherwise.</param>
    public sealed record UploadType(string ContentType, AttachmentKind Kind);

    public static async Task<Decided> Decide(UploadRow row, StoredFileStream content, CancellationToken ct)
    {
        var verdict = await FileTypeSniffer.Decide(row.Name, row.DeclaredType, content, ct);
        if (!verdict.Accepted) return new Decided(null, (verdict.Code!, verdict.Reason!));
        var type = verdict.Type!;
        var kind = type.Category switch
        {
            FileCategory.Image => AttachmentKind.Image,
            FileCategory.Audio => AttachmentKind.Audio,
            FileCategory.Video => AttachmentKind.Video,
            _ => AttachmentKind.File,
        };
        return new Decided(new UploadType(type.ContentType, kind), null);
    }
}
