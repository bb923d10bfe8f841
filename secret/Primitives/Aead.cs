using System.Security.Cryptography;

namespace GoChat.Secret.Primitives;

/// <summary>AES-256-GCM with a 128-bit tag appended to the ciphertext, the layout WebCrypto's encrypt returns.</summary>
internal static class Aead
{
    public const int TagLength = 16;

    public static byte[] Seal(MessageKeys keys, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var output = new byte[plaintext.Length + TagLength];
        using var gcm = new AesGcm(keys.Key, TagLength);
        gcm.Encrypt(keys.Nonce, plaintext, output.AsSpan(0, plaintext.Length), output.AsSpan(plaintext.Length), associatedData);
        return output;
    }

    public static byte[] Open(MessageKeys keys, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> associatedData)
    {
        if (ciphertext.Length < TagLength)
            throw new SecretException(SecretError.Malformed);
        var length = ciphertext.Length - TagLength;
        var plaintext = new byte[length];
        using var gcm = new AesGcm(keys.Key, TagLength);
        try
        {
            gcm.Decrypt(keys.Nonce, ciphertext[..length], ciphertext[length..], plaintext, associatedData);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new SecretException(SecretError.AuthenticationFailed);
        }
        return plaintext;
    }
}
