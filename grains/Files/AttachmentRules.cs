using GoChat.Files.Scanning;

namespace GoChat.Grains.Files;

/// <summary>How a checked upload shows in a message: the kind asked for if the bytes fit it, and the sender's media facts, bounded.</summary>
public static class AttachmentRules
{
    public static Attachment For(UploadRow upload, BlobRow blob, AttachmentInput input)
    {
        if (blob.Encrypted)
        {
            // Ciphertext is only ever a file to the server; what it is shows only once a member's client decrypts it.
            return new Attachment(blob.BlobId, upload.Name, blob.Length, blob.ContentType, AttachmentKind.File, Unscanned: true, Encrypted: true);
        }
        var kind = input.Kind ?? blob.Kind;
        var fits = kind switch
        {
            AttachmentKind.File => true,
            AttachmentKind.Image => blob.Kind == AttachmentKind.Image && blob.Preview is not null,
            // A voice note is audio; Chromium records it as WebM, which the bytes alone cannot tell from a video.
            AttachmentKind.Voice or AttachmentKind.Audio => blob.Kind is AttachmentKind.Audio or AttachmentKind.Video && blob.ContentType.StartsWith("audio/", StringComparison.Ordinal),
            AttachmentKind.Video => blob.Kind == AttachmentKind.Video,
            _ => false,
        };
        if (!fits) throw GoChatException.Invalid($"This file cannot be sent as {kind.ToString().ToLowerInvariant()}.");
        if (input.DurationMs is { } ms && (ms < 0 || ms > Limits.MaxMediaDurationMs)) throw GoChatException.Invalid("The duration is out of range.");
        var media = kind is AttachmentKind.Voice or AttachmentKind.Audio or AttachmentKind.Video;
        return new Attachment(blob.BlobId, upload.Name, blob.Length, blob.ContentType, kind,
            Width: kind == AttachmentKind.File ? null : blob.Width,
            Height: kind == AttachmentKind.File ? null : blob.Height,
            DurationMs: media ? input.DurationMs : null,
            Waveform: kind == AttachmentKind.Voice ? Waveform(input.Waveform) : null,
            HasPreview: blob.Preview is not null,
            HasThumbnail: blob.Thumbnail is not null,
            Placeholder: blob.Placeholder is { } p ? Convert.ToBase64String(p) : null,
            Unscanned: blob.Scan == ScanOutcome.NotScanned);
    }

    private static string? Waveform(string? base64)
    {
        if (base64 is null) return null;
        var bytes = new byte[Limits.MaxWaveformSamples];
        if (!Convert.TryFromBase64String(base64, bytes, out var n) || n == 0)
        {
            throw GoChatException.Invalid($"A waveform is 1 to {Limits.MaxWaveformSamples} samples, base64.");
        }
        return Convert.ToBase64String(bytes, 0, n);
    }
}
