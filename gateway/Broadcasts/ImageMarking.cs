using System.Security.Cryptography;
using GoChat.Broadcasts.Images;
using GoChat.Broadcasts.Marks;

namespace GoChat.Gateway.Broadcasts;

/// <summary>
/// Marks the pictures of a protected broadcast as each recipient downloads them: the visible overlay (their name, id and
/// the time) and the invisible, error-corrected code of (broadcast, recipient) in the picture's frequencies.
/// </summary>
public sealed class ImageMarking(DeliveryMarking marking)
{
    /// <summary>A picture this large is refused rather than held in memory to be marked (a preview is a screen wide).</summary>
    public const long MaxBytes = 20 * 1024 * 1024;

    private readonly ImageMarkOptions _options = new(KeyFrom(marking));

    public static bool Marks(FileDownload file) =>
        file.Broadcast is { Marked: true } && file.ContentType is "image/jpeg" or "image/png" && file.Length <= MaxBytes;

    public byte[] Mark(ReadOnlySpan<byte> picture, BroadcastSeal seal, Guid recipient, string recipientName, DateTimeOffset at)
    {
        var mark = marking.Marks.For(seal.BroadcastId, recipient);
        var visible = new VisibleMark(recipientName, $"{seal.Level} · {DeliveryCodes.Of(mark)} · {at:yyyy-MM-dd HH:mm} UTC");
        return ImageWatermark.Embed(picture, MarkCodec.Encode(mark), visible, _options);
    }

    /// <summary>Every mark a copy of a picture yields: the invisible one, error-corrected, if it is found at all.</summary>
    public IReadOnlyList<DeliveryMark> Read(ReadOnlySpan<byte> picture)
    {
        var reading = ImageWatermark.Extract(picture, _options);
        if (!reading.Found) return [];
        return MarkCodec.TryDecode(reading.Codeword, reading.Erasures, out var mark) ? [mark] : [];
    }

    /// <summary>The layout key comes from the mark secret, so a recipient cannot learn where a picture's mark sits.</summary>
    private static byte[] KeyFrom(DeliveryMarking marking) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, marking.SecretForDerivation, 32, info: "gochat image mark layout v1"u8.ToArray());
}
