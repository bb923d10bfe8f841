using System.Buffers.Binary;

namespace GoChat.Broadcasts.Marks;

/// <summary>
/// What one delivered copy of a broadcast carries: a hint that finds the broadcast without trying every broadcast
/// ever sent, and a MAC that names the recipient to whoever holds the server secret and to nobody else.
/// </summary>
/// <param name="BroadcastHint">First 32 bits of the broadcast's hint MAC; the server stores it with the broadcast.</param>
/// <param name="RecipientMac">First 64 bits of the MAC over (broadcast, recipient).</param>
public readonly record struct DeliveryMark(uint BroadcastHint, ulong RecipientMac)
{
    /// <summary>Length of <see cref="ToBytes"/>: the data part of a <see cref="MarkCodec"/> codeword.</summary>
    public const int Bytes = 12;

    /// <summary>The hint then the MAC, both big-endian, so a tracer in any language reads the same bytes.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[Bytes];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>Writes <see cref="ToBytes"/> into <paramref name="destination"/> (at least 12 bytes).</summary>
    public void WriteTo(Span<byte> destination)
    {
        if (destination.Length < Bytes) throw new ArgumentException($"A delivery mark needs {Bytes} bytes.", nameof(destination));
        BinaryPrimitives.WriteUInt32BigEndian(destination, BroadcastHint);
        BinaryPrimitives.WriteUInt64BigEndian(destination[4..], RecipientMac);
    }

    /// <summary>Reads the 12 bytes <see cref="ToBytes"/> wrote.</summary>
    public static DeliveryMark FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Bytes) throw new ArgumentException($"A delivery mark is {Bytes} bytes, not {bytes.Length}.", nameof(bytes));
        return new DeliveryMark(BinaryPrimitives.ReadUInt32BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[4..]));
    }
}
