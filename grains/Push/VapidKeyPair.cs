using System.Security.Cryptography;

namespace GoChat.Grains.Push;

/// <summary>A VAPID key pair in the RFC 8292 form: the uncompressed P-256 point and the private scalar, both base64url.</summary>
public sealed record VapidKeyPair(string PublicKey, string PrivateKey)
{
    /// <summary>Null when the pair is good, else why not (never the key itself).</summary>
    public static string? TryCreate(string? publicKey, string? privateKey, out VapidKeyPair? pair)
    {
        pair = null;
        if (!Base64Url.TryDecode(publicKey, out var pub) || pub.Length != 65 || pub[0] != 0x04)
            return "the public key must be a 65-byte uncompressed P-256 point in base64url.";
        if (!Base64Url.TryDecode(privateKey, out var d) || d.Length != 32)
            return "the private key must be a 32-byte P-256 scalar in base64url.";
        try
        {
            using var ec = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d });
            var q = ec.ExportParameters(false).Q;
            if (!pub.AsSpan(1, 32).SequenceEqual(q.X) || !pub.AsSpan(33, 32).SequenceEqual(q.Y)) return "the public key does not belong to the private key.";
        }
        catch (CryptographicException)
        {
            return "the private key is not a valid P-256 scalar.";
        }
        pair = new VapidKeyPair(publicKey!, privateKey!);
        return null;
    }

    public static VapidKeyPair Generate()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = ec.ExportParameters(true);
        return new VapidKeyPair(Base64Url.Encode([0x04, .. p.Q.X!, .. p.Q.Y!]), Base64Url.Encode(p.D!));
    }
}

/// <summary>The unpadded base64url of RFC 4648 section 5, as Web Push uses it (padding tolerated on input).</summary>
public static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    public static bool TryDecode(string? text, out byte[] bytes)
    {
        bytes = [];
        if (string.IsNullOrEmpty(text) || text.Length > 4096) return false;
        var trimmed = text.TrimEnd('=');
        foreach (var c in trimmed)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return false;
        }
        if (trimmed.Length % 4 == 1) return false;
        bytes = System.Buffers.Text.Base64Url.DecodeFromChars(trimmed);
        return true;
    }
}
