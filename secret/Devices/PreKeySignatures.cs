using System.Buffers.Binary;
using System.Text;
using GoChat.Secret.Keys;

namespace GoChat.Secret.Devices;

/// <summary>
/// What an identity signing key signs for a prekey: a label, the key's id and its public key. The label keeps a
/// signed-prekey signature from being replayed as a last-resort one (or as any other GoChat signature), and the
/// id keeps the server from pairing a key with another key's id.
/// </summary>
internal static class PreKeySignatures
{
    private static readonly byte[] SignedPreKeyLabel = Encoding.ASCII.GetBytes("GoChat-SignedPreKey-v1");
    private static readonly byte[] LastResortLabel = Encoding.ASCII.GetBytes("GoChat-LastResortPreKey-v1");

    public static byte[] SignedPreKeyMessage(uint id, byte[] publicKey) => Message(SignedPreKeyLabel, id, publicKey);

    public static byte[] LastResortMessage(uint id, byte[] publicKey) => Message(LastResortLabel, id, publicKey);

    private static byte[] Message(byte[] label, uint id, byte[] publicKey)
    {
        if (publicKey.Length != P256.PublicKeyLength)
            throw new SecretException(SecretError.InvalidKey);
        var message = new byte[label.Length + 4 + publicKey.Length];
        label.CopyTo(message, 0);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(label.Length), id);
        publicKey.CopyTo(message, label.Length + 4);
        return message;
    }
}
