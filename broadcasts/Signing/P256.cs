using System.Security.Cryptography;

namespace GoChat.Broadcasts.Signing;

/// <summary>
/// ECDSA P-256 with SHA-256 and IEEE P1363 signatures (r and s, 32 bytes each), which is what WebCrypto's
/// ECDSA verify takes; .NET's default would be DER. Keys are kept as parameters and an ECDsa object is made for each
/// operation, because nothing promises that one ECDsa object may be used from several threads at once.
/// </summary>
internal static class P256
{
    public const int SignatureLength = 64;
    public const int RawPublicKeyLength = 65;

    private const DSASignatureFormat Format = DSASignatureFormat.IeeeP1363FixedFieldConcatenation;
    private static readonly string CurveOid = ECCurve.NamedCurves.nistP256.Oid.Value!;

    public static byte[] Sign(ECParameters privateKey, ReadOnlySpan<byte> data)
    {
        using var key = ECDsa.Create(privateKey);
        return key.SignData(data, HashAlgorithmName.SHA256, Format);
    }

    public static bool Verify(ECParameters publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != SignatureLength) return false;
        using var key = ECDsa.Create(publicKey);
        return key.VerifyData(data, signature, HashAlgorithmName.SHA256, Format);
    }

    /// <summary>0x04, then X and Y, 32 bytes each: the form WebCrypto imports as "raw".</summary>
    public static byte[] RawPublicKey(ECParameters key)
    {
        var raw = new byte[RawPublicKeyLength];
        raw[0] = 0x04;
        key.Q.X!.CopyTo(raw, 1);
        key.Q.Y!.CopyTo(raw, 33);
        return raw;
    }

    public static byte[] RawPublicKey(ECDsa key) => RawPublicKey(key.ExportParameters(includePrivateParameters: false));

    /// <summary>A P-256 public key from its raw uncompressed point or from SubjectPublicKeyInfo DER.</summary>
    public static bool TryPublicKey(ReadOnlySpan<byte> bytes, out ECParameters key)
    {
        key = default;
        try
        {
            using var ecdsa = ECDsa.Create();
            if (bytes.Length == RawPublicKeyLength && bytes[0] == 0x04)
            {
                ecdsa.ImportParameters(new ECParameters
                {
                    Curve = ECCurve.NamedCurves.nistP256,
                    Q = new ECPoint { X = bytes[1..33].ToArray(), Y = bytes[33..].ToArray() },
                });
            }
            else
            {
                ecdsa.ImportSubjectPublicKeyInfo(bytes, out var read);
                if (read != bytes.Length) return false;
            }
            key = ecdsa.ExportParameters(includePrivateParameters: false);
            return IsP256(key);
        }
        catch (CryptographicException)
        {
            return false; // not a point on the curve, or not a key at all
        }
    }

    public static bool TryPrivateKey(ReadOnlySpan<byte> pkcs8, out ECParameters key)
    {
        key = default;
        try
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(pkcs8, out var read);
            if (read != pkcs8.Length) return false;
            key = ecdsa.ExportParameters(includePrivateParameters: true);
            return IsP256(key);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static bool IsP256(ECParameters key) => key.Curve.IsNamed && key.Curve.Oid.Value == CurveOid;
}
