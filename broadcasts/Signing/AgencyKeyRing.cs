using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace GoChat.Broadcasts.Signing;

/// <summary>
/// The agency signing keys of this deployment. Signs each agency's broadcasts with that agency's active key and
/// verifies with every key it knows, retired ones included. Refuses, at load, any key whose certificate the platform
/// roots do not vouch for, that belongs to another key or agency than configured, or whose certificate and private key
/// are not halves of one pair: a misconfigured key would otherwise sign broadcasts that every client calls forged.
/// </summary>
public sealed class AgencyKeyRing
{
    private readonly Dictionary<string, (AgencyKeyCertificate Certificate, ECParameters PrivateKey)> _active;

    private AgencyKeyRing(BroadcastVerifier verifier, Dictionary<string, (AgencyKeyCertificate, ECParameters)> active)
    {
        Verifier = verifier;
        _active = active;
    }

    /// <summary>Verification alone, for code that should never hold a private key.</summary>
    public BroadcastVerifier Verifier { get; }

    /// <exception cref="InvalidOperationException">The configuration is not usable; the message lists every problem.</exception>
    public static AgencyKeyRing FromOptions(BroadcastSigningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = PlatformRoots.Problems(options.RootPublicKeys, out var roots);
        if (problems.Count == 0)
        {
            if (TryCreate(roots, options.Keys ?? [], out var ring, out var more)) return ring;
            problems.AddRange(more);
        }
        throw new InvalidOperationException($"{BroadcastSigningOptions.SectionName}: " + string.Join(" ", problems));
    }

    public static bool TryCreate(
        PlatformRoots roots,
        IEnumerable<AgencySigningKeyOptions> keys,
        [NotNullWhen(true)] out AgencyKeyRing? ring,
        [NotNullWhen(false)] out IReadOnlyList<string>? problems)
    {
        ArgumentNullException.ThrowIfNull(roots);
        ArgumentNullException.ThrowIfNull(keys);
        var found = new List<string>();
        var certificates = new Dictionary<string, AgencyKeyCertificate>(StringComparer.Ordinal);
        var active = new Dictionary<string, (AgencyKeyCertificate, ECParameters)>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var certificate = Check(roots, key, found, out var privateKey);
            if (certificate is null) continue;
            if (!certificates.TryAdd(key.KeyId, certificate)) found.Add($"Key '{key.KeyId}' is configured twice.");
            if (key.Active && privateKey is { } signing && !active.TryAdd(key.AgencyId, (certificate, signing)))
                found.Add($"Agency '{key.AgencyId}' has more than one active key.");
        }
        ring = null;
        problems = found;
        if (found.Count > 0) return false;
        ring = new AgencyKeyRing(new BroadcastVerifier(roots, certificates.Values), active);
        problems = null;
        return true;
    }

    /// <summary>The certificate of the key that signs <paramref name="agencyId"/>'s new broadcasts, if it has one.</summary>
    public AgencyKeyCertificate? ActiveCertificate(string agencyId) =>
        _active.TryGetValue(agencyId, out var key) ? key.Certificate : null;

    /// <summary>Signs with the active key of the agency the payload names; no agency can sign as another.</summary>
    /// <exception cref="InvalidOperationException">The agency has no active key, or its key is not valid at <see cref="BroadcastPayload.PostedAt"/>.</exception>
    public BroadcastSignature Sign(BroadcastPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (!_active.TryGetValue(payload.AgencyId, out var key))
            throw new InvalidOperationException($"Agency '{payload.AgencyId}' has no active signing key.");
        if (!key.Certificate.IsValidAt(payload.PostedAt))
            throw new InvalidOperationException(
                $"Key '{key.Certificate.KeyId}' is certified from {key.Certificate.NotBefore:O} to {key.Certificate.NotAfter:O}, not at {payload.PostedAt:O}.");
        return new BroadcastSignature(key.Certificate.KeyId, P256.Sign(key.PrivateKey, payload.ToSignedBytes()));
    }

    public BroadcastVerification Verify(BroadcastPayload payload, BroadcastSignature signature) =>
        Verifier.Verify(payload, signature);

    private static AgencyKeyCertificate? Check(PlatformRoots roots, AgencySigningKeyOptions key, List<string> problems, out ECParameters? privateKey)
    {
        privateKey = null;
        var name = $"Key '{key.KeyId}'";
        var before = problems.Count;
        if (!KeyIds.IsValid(key.KeyId)) problems.Add($"{name}: {KeyIds.Rule}");
        if (string.IsNullOrWhiteSpace(key.AgencyId)) problems.Add($"{name} has no agency id.");
        if (!AgencyKeyCertificate.TryDecode(key.Certificate, out var certificate))
        {
            problems.Add($"{name} has no readable certificate.");
            return null;
        }
        if (certificate.KeyId != key.KeyId) problems.Add($"{name} has the certificate of key '{certificate.KeyId}'.");
        if (certificate.AgencyId != key.AgencyId)
            problems.Add($"{name} is configured for agency '{key.AgencyId}' but certified for '{certificate.AgencyId}'.");
        if (!certificate.Verify(roots))
            problems.Add($"{name}: its certificate is not signed by a known platform root (it names '{certificate.RootKeyId}').");

        if (string.IsNullOrWhiteSpace(key.PrivateKeyPkcs8))
        {
            if (key.Active) problems.Add($"{name} is active but has no private key.");
        }
        else if (!TryPkcs8(key.PrivateKeyPkcs8, out var parameters))
        {
            problems.Add($"{name}: the private key is not base64 of a PKCS#8 P-256 key.");
        }
        else if (!P256.RawPublicKey(parameters).AsSpan().SequenceEqual(certificate.PublicKey))
        {
            problems.Add($"{name}: the private key is not the one its certificate certifies.");
        }
        else
        {
            privateKey = parameters;
        }
        return problems.Count == before ? certificate : null;
    }

    private static bool TryPkcs8(string base64, out ECParameters key)
    {
        key = default;
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64.Trim(), buffer, out var length) && P256.TryPrivateKey(buffer.AsSpan(0, length), out key);
    }
}
