using System.Buffers.Binary;
using GoChat.Secret.Keys;
using GoChat.Secret.Primitives;

namespace GoChat.Secret.Wire;

/// <summary>
/// The byte layout of the four messages (docs/secret-chats/protocol.md, "Wire format"). Every field has a fixed
/// length and integers are big-endian; only the ciphertext is variable, and it is always the part whose length
/// follows from the total, so no length prefix is needed and there is one way to encode each message.
/// </summary>
public static class WireFormat
{
    public const byte Version = 1;
    public const int ChainIdLength = 16;

    /// <summary>version, type, ratchet key, PN, N.</summary>
    public const int RatchetHeaderLength = 2 + P256.PublicKeyLength + 4 + 4;
    /// <summary>version, type, identity agreement key, identity signing key, ephemeral key, SPK id, kind, OPK id.</summary>
    public const int PreKeyHeaderLength = 2 + 3 * P256.PublicKeyLength + 4 + 1 + 4;
    /// <summary>version, type, chain id, iteration.</summary>
    public const int SenderKeyHeaderLength = 2 + ChainIdLength + 4;
    public const int SenderKeyDistributionLength = SenderKeyHeaderLength + Kdf.KeyLength + P256.PublicKeyLength;

    /// <summary>The type of a message after checking its version, so a caller can route it.</summary>
    public static MessageType PeekType(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 2)
            throw new SecretException(SecretError.Malformed);
        if (bytes[0] != Version)
            throw new SecretException(SecretError.UnsupportedVersion);
        var type = (MessageType)bytes[1];
        if (!Enum.IsDefined(type))
            throw new SecretException(SecretError.Malformed);
        return type;
    }

    public static byte[] Encode(RatchetMessage message)
    {
        var bytes = new byte[RatchetHeaderLength + message.Ciphertext.Length];
        WriteRatchetHeader(bytes, message);
        message.Ciphertext.CopyTo(bytes, RatchetHeaderLength);
        return bytes;
    }

    /// <summary>The header bytes exactly as on the wire; they are AES-GCM associated data, so a changed header fails.</summary>
    public static byte[] RatchetHeader(RatchetMessage message)
    {
        var header = new byte[RatchetHeaderLength];
        WriteRatchetHeader(header, message);
        return header;
    }

    public static RatchetMessage DecodeRatchet(ReadOnlySpan<byte> bytes)
    {
        Expect(bytes, MessageType.Ratchet, RatchetHeaderLength + Aead.TagLength, exact: false);
        var reader = new Reader(bytes, 2);
        return new RatchetMessage(
            reader.Key(), reader.UInt32(), reader.UInt32(), reader.Rest());
    }

    public static byte[] Encode(PreKeyMessage message)
    {
        var inner = Encode(message.Message);
        var bytes = new byte[PreKeyHeaderLength + inner.Length];
        var writer = new Writer(bytes, MessageType.PreKey);
        writer.Key(message.IdentityAgreementKey);
        writer.Key(message.IdentitySigningKey);
        writer.Key(message.EphemeralKey);
        writer.UInt32(message.SignedPreKeyId);
        writer.Byte((byte)message.OneTimeKeyKind);
        writer.UInt32(message.OneTimePreKeyId);
        writer.Bytes(inner);
        return bytes;
    }

    public static PreKeyMessage DecodePreKey(ReadOnlySpan<byte> bytes)
    {
        Expect(bytes, MessageType.PreKey, PreKeyHeaderLength + RatchetHeaderLength + Aead.TagLength, exact: false);
        var reader = new Reader(bytes, 2);
        var identityAgreement = reader.Key();
        var identitySigning = reader.Key();
        var ephemeral = reader.Key();
        var signedPreKeyId = reader.UInt32();
        var kind = (OneTimeKeyKind)reader.Byte();
        var oneTimeId = reader.UInt32();
        if (!Enum.IsDefined(kind) || (kind == OneTimeKeyKind.None && oneTimeId != 0))
            throw new SecretException(SecretError.Malformed);
        var inner = DecodeRatchet(bytes[PreKeyHeaderLength..]);
        return new PreKeyMessage(identityAgreement, identitySigning, ephemeral, signedPreKeyId, kind, oneTimeId, inner);
    }

    public static byte[] Encode(SenderKeyDistribution distribution)
    {
        var bytes = new byte[SenderKeyDistributionLength];
        var writer = new Writer(bytes, MessageType.SenderKeyDistribution);
        writer.Bytes(Fixed(distribution.ChainId, ChainIdLength));
        writer.UInt32(distribution.Iteration);
        writer.Bytes(Fixed(distribution.ChainKey, Kdf.KeyLength));
        writer.Key(distribution.SigningKey);
        return bytes;
    }

    public static SenderKeyDistribution DecodeSenderKeyDistribution(ReadOnlySpan<byte> bytes)
    {
        Expect(bytes, MessageType.SenderKeyDistribution, SenderKeyDistributionLength, exact: true);
        var reader = new Reader(bytes, 2);
        return new SenderKeyDistribution(reader.Take(ChainIdLength), reader.UInt32(), reader.Take(Kdf.KeyLength), reader.Key());
    }

    public static byte[] Encode(SenderKeyMessage message)
    {
        var signed = SenderKeySignedPart(message);
        var bytes = new byte[signed.Length + P256.SignatureLength];
        signed.CopyTo(bytes, 0);
        Fixed(message.Signature, P256.SignatureLength).CopyTo(bytes, signed.Length);
        return bytes;
    }

    /// <summary>The bytes the chain's signature covers: the whole message before the signature.</summary>
    public static byte[] SenderKeySignedPart(SenderKeyMessage message)
    {
        var bytes = new byte[SenderKeyHeaderLength + message.Ciphertext.Length];
        SenderKeyHeader(message.ChainId, message.Iteration).CopyTo(bytes, 0);
        message.Ciphertext.CopyTo(bytes, SenderKeyHeaderLength);
        return bytes;
    }

    /// <summary>The header bytes, which are the AES-GCM associated data of a sender-key message.</summary>
    public static byte[] SenderKeyHeader(byte[] chainId, uint iteration)
    {
        var bytes = new byte[SenderKeyHeaderLength];
        var writer = new Writer(bytes, MessageType.SenderKey);
        writer.Bytes(Fixed(chainId, ChainIdLength));
        writer.UInt32(iteration);
        return bytes;
    }

    public static SenderKeyMessage DecodeSenderKey(ReadOnlySpan<byte> bytes)
    {
        Expect(bytes, MessageType.SenderKey, SenderKeyHeaderLength + Aead.TagLength + P256.SignatureLength, exact: false);
        var reader = new Reader(bytes, 2);
        var chainId = reader.Take(ChainIdLength);
        var iteration = reader.UInt32();
        var ciphertext = reader.Take(bytes.Length - SenderKeyHeaderLength - P256.SignatureLength);
        return new SenderKeyMessage(chainId, iteration, ciphertext, reader.Take(P256.SignatureLength));
    }

    private static void WriteRatchetHeader(Span<byte> bytes, RatchetMessage message)
    {
        var writer = new Writer(bytes, MessageType.Ratchet);
        writer.Key(message.RatchetKey);
        writer.UInt32(message.PreviousChainLength);
        writer.UInt32(message.Number);
    }

    private static void Expect(ReadOnlySpan<byte> bytes, MessageType type, int length, bool exact)
    {
        if (PeekType(bytes) != type || bytes.Length < length || (exact && bytes.Length != length))
            throw new SecretException(SecretError.Malformed);
    }

    private static byte[] Fixed(byte[] value, int length) =>
        value.Length == length ? value : throw new ArgumentException($"expected {length} bytes", nameof(value));

    private ref struct Writer
    {
        private readonly Span<byte> _bytes;
        private int _offset;

        public Writer(Span<byte> bytes, MessageType type)
        {
            _bytes = bytes;
            _bytes[0] = Version;
            _bytes[1] = (byte)type;
            _offset = 2;
        }

        public void Byte(byte value) => _bytes[_offset++] = value;

        public void UInt32(uint value)
        {
            BinaryPrimitives.WriteUInt32BigEndian(_bytes[_offset..], value);
            _offset += 4;
        }

        public void Key(byte[] publicKey) => Bytes(Fixed(publicKey, P256.PublicKeyLength));

        public void Bytes(ReadOnlySpan<byte> value)
        {
            value.CopyTo(_bytes[_offset..]);
            _offset += value.Length;
        }
    }

    private ref struct Reader(ReadOnlySpan<byte> bytes, int offset)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _offset = offset;

        public byte Byte() => _bytes[_offset++];

        public uint UInt32()
        {
            var value = BinaryPrimitives.ReadUInt32BigEndian(_bytes[_offset..]);
            _offset += 4;
            return value;
        }

        /// <summary>A public key; only its shape is checked here, its curve membership when it is used.</summary>
        public byte[] Key()
        {
            var key = Take(P256.PublicKeyLength);
            return key[0] == 0x04 ? key : throw new SecretException(SecretError.InvalidKey);
        }

        public byte[] Take(int length)
        {
            var value = _bytes.Slice(_offset, length).ToArray();
            _offset += length;
            return value;
        }

        public byte[] Rest() => Take(_bytes.Length - _offset);
    }
}
