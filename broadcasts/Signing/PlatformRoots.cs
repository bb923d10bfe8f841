using System.Buffers.Text;
using System.Security.Cryptography;

namespace GoChat.Broadcasts.Signing;

/// <summary>
/// The platform root public keys, by key id, that certify agency keys. The same keys ship inside every client, so
/// a root is replaced by adding the new one beside the old, releasing the clients, and only then retiring the old.
/// </summary>
public sealed class PlatformRoots
{
    private readonly Dictionary<string, ECParameters> _keys;

    private PlatformRoots(Dictionary<string, ECParameters> keys) => _keys = keys;

    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    /// <summary>From key id to public key, each base64url (padding optional) of SPKI DER or a raw uncompressed point.</summary>
    /// <exception cref="FormatException">An id that breaks the key id rule or a value that is not a P-256 public key.</exception>
    public static PlatformRoots FromConfiguration(IReadOnlyDictionary<string, string> publicKeys)
    {
        var problems = Problems(publicKeys, out var roots);
        return problems.Count == 0 ? roots : throw new FormatException(string.Join(" ", problems));
    }

    public static PlatformRoots FromPublicKeys(IReadOnlyDictionary<string, byte[]> publicKeys)
    {
        ArgumentNullException.ThrowIfNull(publicKeys);
        return FromConfiguration(publicKeys.ToDictionary(p => p.Key, p => Base64Url.EncodeToString(p.Value)));
    }

    internal static List<string> Problems(IReadOnlyDictionary<string, string>? publicKeys, out PlatformRoots roots)
    {
        var problems = new List<string>();
        var keys = new Dictionary<string, ECParameters>(StringComparer.Ordinal);
        foreach (var (id, value) in publicKeys ?? new Dictionary<string, string>())
        {
            if (!Signing.KeyIds.IsValid(id)) problems.Add($"Root key '{id}': {Signing.KeyIds.Rule}");
            else if (!Base64UrlText.TryDecode(value, out var bytes) || !P256.TryPublicKey(bytes, out var key))
                problems.Add($"Root key '{id}' is not base64url of a P-256 public key (SPKI or raw uncompressed point).");
            else keys[id] = key;
        }
        roots = new PlatformRoots(keys);
        return problems;
    }

    internal bool TryGet(string keyId, out ECParameters key) => _keys.TryGetValue(keyId, out key);
}
