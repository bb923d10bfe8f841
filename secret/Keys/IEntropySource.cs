namespace GoChat.Secret.Keys;

/// <summary>
/// Where every fresh secret comes from: new P-256 private keys and random bytes (sender-key chain keys and ids).
/// Production uses <see cref="SystemEntropy"/>; the known-answer tests inject a scripted source so that every key,
/// and so every byte on the wire, is reproducible on any platform.
/// </summary>
public interface IEntropySource
{
    /// <summary>A new P-256 private key as its 32-byte big-endian scalar, in [1, n-1].</summary>
    byte[] NewPrivateScalar();

    byte[] RandomBytes(int count);
}

/// <summary>The operating system's CSPRNG, through the BCL.</summary>
public sealed class SystemEntropy : IEntropySource
{
    public static readonly SystemEntropy Instance = new();

    private SystemEntropy() { }

    public byte[] NewPrivateScalar() => P256.NewPrivateScalar();

    public byte[] RandomBytes(int count) => System.Security.Cryptography.RandomNumberGenerator.GetBytes(count);
}
