using System.Buffers.Binary;
using System.Security.Cryptography;

namespace GoChat.Broadcasts.Marks;

/// <summary>
/// Computes and checks the per-recipient marks of broadcasts under one server secret.
/// </summary>
/// <remarks>
/// <para>
/// Tracing a leaked copy: extract its <see cref="DeliveryMark"/>, look up the broadcasts whose stored hint equals
/// <see cref="DeliveryMark.BroadcastHint"/>, and try every recipient of those broadcasts with <see cref="Matches"/>.
/// </para>
/// <para>
/// False attribution: for a recipient who did not receive this copy, the 64-bit MAC is a fresh pseudorandom value, so one
/// comparison matches with probability 2^-64. Testing N recipients of each of B candidate broadcasts (those sharing the
/// hint) gives, by the union bound, P(false) &lt;= N·B·2^-64; for N = 100,000 and B = 1 that is
/// 1e5 / 1.8447e19 = 5.4e-15, far below the required 1e-9. Trying C candidate codewords from one copy multiplies the
/// bound by C. The hint does not weaken the bound: it only decides which recipients are tried.
/// </para>
/// </remarks>
public sealed class DeliveryMarks
{
    /// <summary>Shortest secret accepted: the full strength of HMAC-SHA256.</summary>
    public const int MinimumSecretBytes = 32;

    private static ReadOnlySpan<byte> HintLabel => "gochat-mark-hint-v1"u8;
    private static ReadOnlySpan<byte> MarkLabel => "gochat-mark-v1"u8;

    // Copied so a caller clearing or reusing its array cannot change the marks already handed out.
    private readonly byte[] _secret;

    public DeliveryMarks(byte[] secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length < MinimumSecretBytes)
            throw new ArgumentException($"The mark secret must be at least {MinimumSecretBytes} bytes.", nameof(secret));
        _secret = (byte[])secret.Clone();
    }

    /// <summary>First 32 bits (big-endian) of HMAC-SHA256(secret, "gochat-mark-hint-v1" || broadcast).</summary>
    /// <remarks>Guids enter as their 16 bytes in RFC 4122 (big-endian) order.</remarks>
    public uint HintOf(Guid broadcastId)
    {
        Span<byte> message = stackalloc byte[HintLabel.Length + 16];
        HintLabel.CopyTo(message);
        broadcastId.TryWriteBytes(message[HintLabel.Length..], bigEndian: true, out _);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_secret, message, mac);
        return BinaryPrimitives.ReadUInt32BigEndian(mac);
    }

    /// <summary>
    /// The mark of <paramref name="recipientId"/>'s copy: the broadcast's hint and the first 64 bits (big-endian) of
    /// HMAC-SHA256(secret, "gochat-mark-v1" || broadcast || recipient).
    /// </summary>
    public DeliveryMark For(Guid broadcastId, Guid recipientId)
    {
        Span<byte> message = stackalloc byte[MarkLabel.Length + 32];
        MarkLabel.CopyTo(message);
        broadcastId.TryWriteBytes(message[MarkLabel.Length..], bigEndian: true, out _);
        recipientId.TryWriteBytes(message[(MarkLabel.Length + 16)..], bigEndian: true, out _);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_secret, message, mac);
        return new DeliveryMark(HintOf(broadcastId), BinaryPrimitives.ReadUInt64BigEndian(mac));
    }

    /// <summary>
    /// Whether <paramref name="mark"/> is the mark of <paramref name="recipientId"/>'s copy of the broadcast. Takes the
    /// same time wherever the bytes differ, so timing a tracer does not reveal how close a forged mark came.
    /// </summary>
    public bool Matches(DeliveryMark mark, Guid broadcastId, Guid recipientId)
    {
        Span<byte> expected = stackalloc byte[DeliveryMark.Bytes];
        Span<byte> actual = stackalloc byte[DeliveryMark.Bytes];
        For(broadcastId, recipientId).WriteTo(expected);
        mark.WriteTo(actual);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
