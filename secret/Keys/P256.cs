using System.Security.Cryptography;

namespace GoChat.Secret.Keys;

/// <summary>
/// The P-256 operations, on raw bytes: a private key is its 32-byte scalar, a public key the 65-byte uncompressed
/// SEC1 point (0x04||X||Y), which is what WebCrypto's "raw" export gives, and a signature is r||s (IEEE P1363),
/// WebCrypto's only signature form. Keeping bytes rather than key objects makes state serializable and the
/// encodings identical on both platforms.
/// </summary>
internal static class P256
{
    public const int PrivateKeyLength = 32;
    public const int PublicKeyLength = 65;
    public const int SignatureLength = 64;
    public const int SharedSecretLength = 32;

    private const DSASignatureFormat SignatureFormat = DSASignatureFormat.IeeeP1363FixedFieldConcatenation;

    public static byte[] NewPrivateScalar()
    {
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(includePrivateParameters: true);
        return parameters.D!;
    }

    /// <summary>Derives the public point from a scalar; refuses a scalar that is not a valid P-256 private key.</summary>
    public static byte[] PublicKeyOf(ReadOnlySpan<byte> privateScalar)
    {
        using var key = ImportPrivate(privateScalar);
        var q = key.ExportParameters(includePrivateParameters: false).Q;
        return Encode(q);
    }

    /// <summary>The ECDH shared secret: the X coordinate of d·Q, 32 bytes, as WebCrypto's deriveBits(…, 256).</summary>
    public static byte[] Agree(ReadOnlySpan<byte> privateScalar, ReadOnlySpan<byte> remotePublicKey)
    {
        using var mine = ImportPrivate(privateScalar);
        using var theirs = ImportPublic(remotePublicKey);
        return mine.DeriveRawSecretAgreement(theirs.PublicKey);
    }

    public static byte[] Sign(ReadOnlySpan<byte> privateScalar, ReadOnlySpan<byte> data)
    {
        using var ecdsa = ECDsa.Create(PrivateParameters(privateScalar));
        return ecdsa.SignData(data, HashAlgorithmName.SHA256, SignatureFormat);
    }

    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != SignatureLength)
            return false;
        using var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportParameters(PublicParameters(publicKey));
        }
        catch (CryptographicException)
        {
            throw new SecretException(SecretError.InvalidKey);
        }
        return ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, SignatureFormat);
    }

    /// <summary>Checks that the bytes are an uncompressed point on the curve, so a bad key fails early and typed.</summary>
    public static void Validate(ReadOnlySpan<byte> publicKey)
    {
        using var key = ImportPublic(publicKey);
    }

    private static ECDiffieHellman ImportPrivate(ReadOnlySpan<byte> privateScalar)
    {
        var parameters = PrivateParameters(privateScalar);
        try
        {
            return ECDiffieHellman.Create(parameters);
        }
        catch (CryptographicException)
        {
            throw new SecretException(SecretError.InvalidKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
        }
    }

    private static ECDiffieHellman ImportPublic(ReadOnlySpan<byte> publicKey)
    {
        try
        {
            return ECDiffieHellman.Create(PublicParameters(publicKey));
        }
        catch (CryptographicException)
        {
            throw new SecretException(SecretError.InvalidKey);
        }
    }

    private static ECParameters PrivateParameters(ReadOnlySpan<byte> privateScalar)
    {
        if (privateScalar.Length != PrivateKeyLength)
            throw new SecretException(SecretError.InvalidKey);
        // Only D: .NET derives Q itself, so a stored private key never needs its public half beside it.
        return new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = privateScalar.ToArray() };
    }

    private static ECParameters PublicParameters(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != PublicKeyLength || publicKey[0] != 0x04)
            throw new SecretException(SecretError.InvalidKey);
        return new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = publicKey[1..33].ToArray(), Y = publicKey[33..].ToArray() },
        };
    }

    private static byte[] Encode(ECPoint q)
    {
        var encoded = new byte[PublicKeyLength];
        encoded[0] = 0x04;
        q.X!.CopyTo(encoded, 1);
        q.Y!.CopyTo(encoded, 33);
        return encoded;
    }
}
