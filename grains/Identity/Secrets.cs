using System.Security.Cryptography;
using System.Text;

namespace GoChat.Grains.Identity;

/// <summary>Codes and refresh secrets are stored only as hashes and compared in constant time.</summary>
public static class Secrets
{
    public static string NewCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6");

    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string secret, byte[] salt) => SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(secret)]);

    public static bool Matches(string secret, byte[]? salt, byte[]? hash) =>
        salt is not null && hash is not null && CryptographicOperations.FixedTimeEquals(Hash(secret, salt), hash);

    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(16);

    /// <summary>An AES-256 key for a device's offline cache; kept as is (the device needs it back), never logged.</summary>
    public static byte[] NewCacheKey() => RandomNumberGenerator.GetBytes(32);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
