namespace GoChat.Broadcasts.Signing;

/// <summary>
/// Checks broadcast signatures against certified agency keys, current and retired alike: rotating a key must not turn
/// last year's broadcasts into forgeries. Needs no private key, so the public check (/semak) can run where no agency
/// key is kept.
/// </summary>
public sealed class BroadcastVerifier
{
    private readonly Dictionary<string, AgencyKeyCertificate> _certificates = new(StringComparer.Ordinal);

    /// <exception cref="InvalidOperationException">A certificate the roots do not vouch for, or two with one key id.</exception>
    public BroadcastVerifier(PlatformRoots roots, IEnumerable<AgencyKeyCertificate> certificates)
    {
        ArgumentNullException.ThrowIfNull(roots);
        ArgumentNullException.ThrowIfNull(certificates);
        foreach (var certificate in certificates)
        {
            if (!certificate.Verify(roots))
                throw new InvalidOperationException($"The certificate of key '{certificate.KeyId}' is not signed by a known platform root.");
            if (!_certificates.TryAdd(certificate.KeyId, certificate))
                throw new InvalidOperationException($"Two certificates for key '{certificate.KeyId}'.");
        }
        Roots = roots;
    }

    public PlatformRoots Roots { get; }

    public IReadOnlyCollection<AgencyKeyCertificate> Certificates => _certificates.Values;

    public bool TryGetCertificate(string keyId, out AgencyKeyCertificate? certificate) =>
        _certificates.TryGetValue(keyId, out certificate);

    /// <summary>
    /// Whether <paramref name="signature"/> is a genuine signature of <paramref name="payload"/>. The payload's text
    /// is canonicalised before the check, so a forwarded copy of the text verifies as the original does.
    /// </summary>
    public BroadcastVerification Verify(BroadcastPayload payload, BroadcastSignature signature)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(signature);
        if (!_certificates.TryGetValue(signature.KeyId, out var certificate))
            return new BroadcastVerification(BroadcastVerificationStatus.UnknownKey, KeyId: signature.KeyId);

        byte[] signed;
        try
        {
            signed = payload.ToSignedBytes();
        }
        catch (FormatException)
        {
            return new BroadcastVerification(BroadcastVerificationStatus.Malformed, KeyId: signature.KeyId);
        }

        // Known key: what follows may name its certified agency, which is the only agency worth naming.
        BroadcastVerification Result(BroadcastVerificationStatus status) =>
            new(status, certificate.AgencyId, certificate.KeyId, payload.PostedAt);

        if (!P256.TryPublicKey(certificate.PublicKey, out var key) || !P256.Verify(key, signed, signature.Signature))
            return Result(BroadcastVerificationStatus.Forged);
        if (!string.Equals(certificate.AgencyId, payload.AgencyId, StringComparison.Ordinal))
            return Result(BroadcastVerificationStatus.KeyNotForAgency);
        if (SignedFields.Milliseconds(payload.PostedAt) > SignedFields.Milliseconds(certificate.NotAfter))
            return Result(BroadcastVerificationStatus.ExpiredKeyAtPostTime);
        if (SignedFields.Milliseconds(payload.PostedAt) < SignedFields.Milliseconds(certificate.NotBefore))
            return Result(BroadcastVerificationStatus.KeyNotYetValidAtPostTime);
        return Result(BroadcastVerificationStatus.Verified);
    }
}
