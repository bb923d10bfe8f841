using GoChat.Secret.Keys;

namespace GoChat.Secret.Tests;

/// <summary>
/// A randomness source that hands out exactly the keys and bytes it was given, in order, so that a protocol run
/// is the same on every machine; running out is a test bug and fails loudly.
/// </summary>
internal sealed class ScriptedEntropy(IEnumerable<byte[]> scalars, IEnumerable<byte[]>? bytes = null) : IEntropySource
{
    private readonly Queue<byte[]> _scalars = new(scalars);
    private readonly Queue<byte[]> _bytes = new(bytes ?? []);

    public int RemainingScalars => _scalars.Count;

    public byte[] NewPrivateScalar() =>
        _scalars.TryDequeue(out var scalar) ? scalar.ToArray() : throw new InvalidOperationException("script ran out of private keys");

    public byte[] RandomBytes(int count)
    {
        if (!_bytes.TryDequeue(out var value))
            throw new InvalidOperationException("script ran out of random bytes");
        return value.Length == count ? value.ToArray() : throw new InvalidOperationException($"scripted {value.Length} bytes, asked {count}");
    }
}
