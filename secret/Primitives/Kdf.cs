using System.Security.Cryptography;
using System.Text;

namespace GoChat.Secret.Primitives;

/// <summary>
/// Every key derivation of the protocol in one place, with its info string, so the spec's KDF section can be
/// checked against a single file. Each info string carries "-v1": a later version derives different keys from
/// the same secrets and cannot be confused with this one.
/// </summary>
internal static class Kdf
{
    public const int KeyLength = 32;
    public const int NonceLength = 12;

    public static readonly byte[] X3dhInfo = Encoding.ASCII.GetBytes("GoChat-X3DH-v1");
    public static readonly byte[] RootInfo = Encoding.ASCII.GetBytes("GoChat-Ratchet-Root-v1");
    public static readonly byte[] RatchetMessageInfo = Encoding.ASCII.GetBytes("GoChat-Ratchet-Message-v1");
    public static readonly byte[] SenderKeyMessageInfo = Encoding.ASCII.GetBytes("GoChat-SenderKey-Message-v1");

    private static readonly byte[] ZeroSalt = new byte[32];
    private static readonly byte[] MessageKeyConstant = [0x01];
    private static readonly byte[] ChainKeyConstant = [0x02];

    /// <summary>
    /// X3DH's SK. The 32 0xFF bytes in front of the DH outputs are the spec's "F": they keep the input from ever
    /// equalling a DH output of another use of the same keys (Signal puts them there for XEdDSA; kept for P-256
    /// because it costs nothing and keeps the construction the published one).
    /// </summary>
    public static byte[] X3dhSharedSecret(IReadOnlyList<byte[]> dhOutputs)
    {
        var ikm = new byte[32 + dhOutputs.Sum(d => d.Length)];
        ikm.AsSpan(0, 32).Fill(0xFF);
        var offset = 32;
        foreach (var dh in dhOutputs)
        {
            dh.CopyTo(ikm, offset);
            offset += dh.Length;
        }
        try
        {
            return HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, KeyLength, ZeroSalt, X3dhInfo);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ikm);
        }
    }

    /// <summary>KDF_RK: HKDF with the root key as salt and the DH output as input, 64 bytes: new root key, chain key.</summary>
    public static (byte[] RootKey, byte[] ChainKey) Root(ReadOnlySpan<byte> rootKey, ReadOnlySpan<byte> dhOutput)
    {
        Span<byte> output = stackalloc byte[2 * KeyLength];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, dhOutput, output, rootKey, RootInfo);
        var result = (output[..KeyLength].ToArray(), output[KeyLength..].ToArray());
        CryptographicOperations.ZeroMemory(output);
        return result;
    }

    /// <summary>KDF_CK: message key = HMAC(CK, 0x01), next chain key = HMAC(CK, 0x02), as the Double Ratchet spec.</summary>
    public static (byte[] MessageKey, byte[] NextChainKey) Chain(ReadOnlySpan<byte> chainKey) =>
        (HMACSHA256.HashData(chainKey, MessageKeyConstant), HMACSHA256.HashData(chainKey, ChainKeyConstant));

    /// <summary>
    /// A message key expanded into the AES-256-GCM key and its 12-byte nonce. The nonce is derived, not random:
    /// every message key is used for exactly one message, so a derived nonce never repeats under one key, and the
    /// known answers stay reproducible.
    /// </summary>
    public static MessageKeys ExpandMessageKey(ReadOnlySpan<byte> messageKey, byte[] info)
    {
        Span<byte> output = stackalloc byte[KeyLength + NonceLength];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, messageKey, output, ZeroSalt, info);
        var keys = new MessageKeys(output[..KeyLength].ToArray(), output[KeyLength..].ToArray());
        CryptographicOperations.ZeroMemory(output);
        return keys;
    }
}

/// <summary>The AES-256-GCM key and nonce for one message.</summary>
internal sealed record MessageKeys(byte[] Key, byte[] Nonce) : IDisposable
{
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(Key);
        CryptographicOperations.ZeroMemory(Nonce);
    }
}
