using System.Security.Cryptography;

namespace GoChat.Secret.Keys;

/// <summary>
/// What an agreement and a signing key pair share: the private scalar, kept only here and wiped on dispose, and
/// the public point derived from it. The two roles are separate types so one key can never be used for both.
/// </summary>
public abstract class P256KeyPair : IDisposable
{
    private readonly byte[] _private;

    private protected P256KeyPair(ReadOnlySpan<byte> privateScalar)
    {
        PublicKey = P256.PublicKeyOf(privateScalar);
        _private = privateScalar.ToArray();
    }

    /// <summary>Uncompressed SEC1, 65 bytes.</summary>
    public byte[] PublicKey { get; }

    internal ReadOnlySpan<byte> PrivateScalar => _private;

    internal byte[] ExportPrivateScalar() => _private.ToArray();

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_private);
        GC.SuppressFinalize(this);
    }
}
