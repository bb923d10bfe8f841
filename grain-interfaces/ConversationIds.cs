using System.Security.Cryptography;

namespace GoChat.GrainInterfaces;

public static class ConversationIds
{
    /// <summary>
    /// The id of the one direct conversation between two users, whoever starts it: a name-based
    /// (SHA-256 truncated) id over the ordered pair, so creating it twice lands on the same grain.
    /// </summary>
    public static Guid Direct(Guid a, Guid b)
    {
        var (lo, hi) = a.CompareTo(b) <= 0 ? (a, b) : (b, a);
        Span<byte> input = stackalloc byte[32];
        lo.TryWriteBytes(input[..16]);
        hi.TryWriteBytes(input[16..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        hash[7] = (byte)((hash[7] & 0x0F) | 0x50); // version nibble, so it reads as a name-based id
        return new Guid(hash[..16]);
    }

    /// <summary>
    /// A new channel's id: random, with a fixed 20-bit tag where a UUID keeps its version (8, "custom") and variant, so a
    /// gateway routes a channel's calls to the channel grain from the id alone. Guid.NewGuid() ids are version 4 and
    /// direct ids version 5: neither can carry the tag.
    /// </summary>
    public static Guid NewChannel()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        bytes[7] = ChannelTag7;
        bytes[8] = ChannelTag8;
        bytes[9] = ChannelTag9;
        return new Guid(bytes);
    }

    public static bool IsChannel(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes);
        return bytes[7] == ChannelTag7 && bytes[8] == ChannelTag8 && bytes[9] == ChannelTag9;
    }

    // Version nibble 8 with 0xC below it; variant bits 10 with 0x37; then 0xC4: "GoChat channel" in no standard but ours.
    private const byte ChannelTag7 = 0x8C, ChannelTag8 = 0xB7, ChannelTag9 = 0xC4;

    /// <summary>
    /// The id of the broadcast at <paramref name="seq"/> in a channel: what its signature and its recipients' marks bind.
    /// Name-based, so it needs no column of its own and is the same wherever it is computed.
    /// </summary>
    public static Guid Broadcast(Guid channelId, long seq)
    {
        Span<byte> input = stackalloc byte[24];
        channelId.TryWriteBytes(input[..16]);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(input[16..], seq);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        hash[7] = (byte)((hash[7] & 0x0F) | 0x50);
        return new Guid(hash[..16]);
    }
}
