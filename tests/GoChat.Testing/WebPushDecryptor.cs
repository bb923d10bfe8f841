using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace GoChat.Testing;

/// <summary>
/// The browser's side of RFC 8291 (aes128gcm, RFC 8188) in .NET's own primitives, for tests only: it proves that
/// what the server's library encrypted is what a user agent decrypts, and it is itself checked against the RFC's
/// Appendix A vector.
/// </summary>
public static class WebPushDecryptor
{
    /// <param name="body">salt (16) | rs (4) | idlen (1) | keyid (the sender's public key) | records.</param>
    /// <param name="uaPrivate">The user agent's private scalar d (32 bytes).</param>
    /// <param name="uaPublic">The user agent's uncompressed public point (65 bytes).</param>
    /// <param name="authSecret">The 16-byte auth secret of the subscription.</param>
    public static byte[] Decrypt(byte[] body, byte[] uaPrivate, byte[] uaPublic, byte[] authSecret)
    {
        var salt = body[..16];
        var rs = (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(16, 4));
        int idLength = body[20];
        var asPublic = body[21..(21 + idLength)];
        var records = body[(21 + idLength)..];
        if (idLength != 65 || rs < 18) throw new CryptographicException("Not an RFC 8291 header.");

        using var ua = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = uaPrivate,
            Q = new ECPoint { X = uaPublic[1..33], Y = uaPublic[33..] },
        });
        using var sender = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = asPublic[1..33], Y = asPublic[33..] },
        });
        var ecdhSecret = ua.DeriveRawSecretAgreement(sender.PublicKey);

        // RFC 8291 section 3.4: key_info = "WebPush: info" || 0x00 || ua_public || as_public.
        byte[] keyInfo = [.. "WebPush: info"u8, 0, .. uaPublic, .. asPublic];
        var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, ecdhSecret, 32, authSecret, keyInfo);
        var prk = HKDF.Extract(HashAlgorithmName.SHA256, ikm, salt);
        var cek = HKDF.Expand(HashAlgorithmName.SHA256, prk, 16, [.. "Content-Encoding: aes128gcm"u8, 0]);
        var nonceBase = HKDF.Expand(HashAlgorithmName.SHA256, prk, 12, [.. "Content-Encoding: nonce"u8, 0]);

        var plain = new List<byte>();
        using var aes = new AesGcm(cek, 16);
        for (long seq = 0, offset = 0; offset < records.Length; seq++, offset += rs)
        {
            var record = records.AsSpan((int)offset, (int)Math.Min(rs, records.Length - offset));
            var nonce = (byte[])nonceBase.Clone();
            var tail = BinaryPrimitives.ReadUInt64BigEndian(nonce.AsSpan(4)) ^ (ulong)seq;
            BinaryPrimitives.WriteUInt64BigEndian(nonce.AsSpan(4), tail);
            var output = new byte[record.Length - 16];
            aes.Decrypt(nonce, record[..^16], record[^16..], output);
            // RFC 8188 section 2: data, then a delimiter (2 in the last record, 1 before), then zero padding.
            var end = Array.FindLastIndex(output, b => b != 0);
            var last = offset + rs >= records.Length;
            if (end < 0 || output[end] != (last ? 2 : 1)) throw new CryptographicException("Bad padding delimiter.");
            plain.AddRange(output[..end]);
        }
        return [.. plain];
    }

    public static string DecryptText(byte[] body, byte[] uaPrivate, byte[] uaPublic, byte[] authSecret) =>
        Encoding.UTF8.GetString(Decrypt(body, uaPrivate, uaPublic, authSecret));

    /// <summary>A fresh browser subscription's keys: the private scalar stays with the test.</summary>
    public static (byte[] Private, byte[] Public, byte[] Auth) NewUserAgent()
    {
        using var ec = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var p = ec.ExportParameters(true);
        return (p.D!, [0x04, .. p.Q.X!, .. p.Q.Y!], RandomNumberGenerator.GetBytes(16));
    }

    public static string B64(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    public static byte[] FromB64(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);
}
