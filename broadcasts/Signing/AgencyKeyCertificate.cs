using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace GoChat.Broadcasts.Signing;

/// <summary>
/// The platform root's statement that <see cref="PublicKey"/> speaks for <see cref="AgencyId"/> from
/// <see cref="NotBefore"/> to <see cref="NotAfter"/> (both inclusive, to the millisecond). Clients ship only the root
/// public keys; an agency key is trusted through this certificate, so a new agency or a rotated key needs no client
/// release.
/// </summary>
/// <param name="PublicKey">The agency's P-256 public key as a raw uncompressed point: 0x04, X, Y (65 bytes).</param>
/// <param name="Signature">The root's ECDSA P-256 / SHA-256 signature over <see cref="ToBeSignedBytes"/>, IEEE P1363 (r‖s, 64 bytes).</param>
public sealed record AgencyKeyCertificate(
    string KeyId,
    string AgencyId,
    byte[] PublicKey,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string RootKeyId,
    byte[] Signature)
{
    public const string Header = "gochat-agency-key-v1\n";

    /// <summary>Header, then key id, agency id, public key, not-before, not-after and root key id as signed fields.</summary>
    public byte[] ToBeSignedBytes() => Fields().ToArray();

    /// <summary>Base64url, unpadded, of the to-be-signed bytes followed by the signature as one more field.</summary>
    public string Encode() => Base64Url.EncodeToString(Fields().Bytes(Signature).ToArray());

    public static bool TryDecode(string? encoded, [NotNullWhen(true)] out AgencyKeyCertificate? certificate)
    {
        certificate = null;
        if (!Base64UrlText.TryDecode(encoded, out var bytes)) return false;
        var reader = new SignedFieldReader(bytes);
        if (!reader.Header(Header)
            || !reader.Text(out var keyId)
            || !reader.Text(out var agencyId)
            || !reader.Bytes(out var publicKey)
            || !reader.Instant(out var notBefore)
            || !reader.Instant(out var notAfter)
            || !reader.Text(out var rootKeyId)
            || !reader.Bytes(out var signature)
            || !reader.AtEnd)
        {
            return false;
        }
        if (publicKey.Length != P256.RawPublicKeyLength || signature.Length != P256.SignatureLength) return false;
        certificate = new AgencyKeyCertificate(keyId, agencyId, publicKey.ToArray(), notBefore, notAfter, rootKeyId, signature.ToArray());
        return true;
    }

    /// <summary>
    /// True when a root in <paramref name="roots"/> named <see cref="RootKeyId"/> signed exactly these fields and the
    /// fields make sense (a P-256 point, a window that is not empty). Says nothing about the current time: an expired
    /// certificate still vouches for what was posted inside its window.
    /// </summary>
    public bool Verify(PlatformRoots roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        if (NotAfter < NotBefore || !P256.TryPublicKey(PublicKey, out _)) return false;
        return roots.TryGet(RootKeyId, out var root) && P256.Verify(root, ToBeSignedBytes(), Signature);
    }

    /// <summary>Whether <paramref name="instant"/> falls in the window, compared to the millisecond as signed.</summary>
    public bool IsValidAt(DateTimeOffset instant)
    {
        var ms = SignedFields.Milliseconds(instant);
        return SignedFields.Milliseconds(NotBefore) <= ms && ms <= SignedFields.Milliseconds(NotAfter);
    }

    /// <summary>Has the root sign a certificate for <paramref name="agencyKey"/> (only its public half is used).</summary>
    public static AgencyKeyCertificate Issue(
        string keyId, string agencyId, ECDsa agencyKey, DateTimeOffset notBefore, DateTimeOffset notAfter,
        string rootKeyId, ECDsa rootPrivateKey)
    {
        ArgumentNullException.ThrowIfNull(agencyKey);
        ArgumentNullException.ThrowIfNull(rootPrivateKey);
        if (!KeyIds.IsValid(keyId)) throw new ArgumentException(KeyIds.Rule, nameof(keyId));
        if (!KeyIds.IsValid(rootKeyId)) throw new ArgumentException(KeyIds.Rule, nameof(rootKeyId));
        if (string.IsNullOrWhiteSpace(agencyId)) throw new ArgumentException("An agency id is required.", nameof(agencyId));
        if (notAfter < notBefore) throw new ArgumentException("The window ends before it starts.", nameof(notAfter));
        var unsigned = new AgencyKeyCertificate(keyId, agencyId, P256.RawPublicKey(agencyKey),
            Truncate(notBefore), Truncate(notAfter), rootKeyId, []);
        var root = rootPrivateKey.ExportParameters(includePrivateParameters: true);
        return unsigned with { Signature = P256.Sign(root, unsigned.ToBeSignedBytes()) };
    }

    private static DateTimeOffset Truncate(DateTimeOffset value) =>
        DateTimeOffset.FromUnixTimeMilliseconds(SignedFields.Milliseconds(value));

    private SignedFields Fields() => new SignedFields(Header)
        .Text(KeyId)
        .Text(AgencyId)
        .Bytes(PublicKey)
        .Instant(NotBefore)
        .Instant(NotAfter)
        .Text(RootKeyId);
}
