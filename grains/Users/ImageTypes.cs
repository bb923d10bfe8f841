namespace GoChat.Grains.Users;

/// <summary>
/// The picture types a profile accepts, recognised by their leading bytes: the declared content type must
/// agree with the bytes, so a script or an HTML page labelled image/png never gets stored and served back.
/// </summary>
public static class ImageTypes
{
    public static readonly IReadOnlyList<string> Accepted = ["image/png", "image/jpeg", "image/webp"];

    public static bool Matches(string contentType, ReadOnlySpan<byte> data) => contentType switch
    {
        "image/png" => data.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]),
        "image/jpeg" => data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]),
        "image/webp" => data.Length >= 12 && data[..4].SequenceEqual("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8),
        _ => false,
    };
}
