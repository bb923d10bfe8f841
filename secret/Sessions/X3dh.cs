using System.Security.Cryptography;
using GoChat.Secret.Devices;
using GoChat.Secret.Keys;
using GoChat.Secret.Primitives;
using GoChat.Secret.Wire;

namespace GoChat.Secret.Sessions;

/// <summary>
/// X3DH (Signal's "Extended Triple Diffie-Hellman") on P-256. The initiator A and responder B compute
/// DH1 = DH(IK_A, SPK_B), DH2 = DH(EK_A, IK_B), DH3 = DH(EK_A, SPK_B) and, when the bundle had a one-time or
/// last-resort prekey OPK_B, DH4 = DH(EK_A, OPK_B); SK = HKDF(0xFF*32 || DH1..DH4).
/// </summary>
internal static class X3dh
{
    public static X3dhAgreement Initiate(DeviceIdentity initiator, PreKeyBundle bundle, IEntropySource entropy)
    {
        bundle.Verify();
        using var ephemeral = AgreementKeyPair.Generate(entropy);
        var (kind, oneTimeId, oneTimeKey) = bundle switch
        {
            { OneTimePreKey: { } oneTime } => (OneTimeKeyKind.OneTime, oneTime.Id, oneTime.PublicKey),
            { LastResortPreKey: { } lastResort } => (OneTimeKeyKind.LastResort, lastResort.Id, lastResort.PublicKey),
            _ => (OneTimeKeyKind.None, 0u, null),
        };
        var dh = new List<byte[]>
        {
            initiator.Agreement.Agree(bundle.SignedPreKey.PublicKey),
            ephemeral.Agree(bundle.Identity.AgreementKey),
            ephemeral.Agree(bundle.SignedPreKey.PublicKey),
        };
        if (oneTimeKey is not null)
            dh.Add(ephemeral.Agree(oneTimeKey));
        return new X3dhAgreement(
            Kdf.X3dhSharedSecret(dh), dh, AssociatedData(initiator.PublicKeys, bundle.Identity),
            ephemeral.PublicKey, bundle.SignedPreKey.Id, kind, oneTimeId);
    }

    public static X3dhAgreement Respond(
        DeviceIdentity responder, AgreementKeyPair signedPreKey, AgreementKeyPair? oneTimeKey, PreKeyMessage message)
    {
        var initiator = new IdentityKeys(message.IdentityAgreementKey, message.IdentitySigningKey);
        P256.Validate(initiator.SigningKey);
        var dh = new List<byte[]>
        {
            signedPreKey.Agree(initiator.AgreementKey),
            responder.Agreement.Agree(message.EphemeralKey),
            signedPreKey.Agree(message.EphemeralKey),
        };
        if (oneTimeKey is not null)
            dh.Add(oneTimeKey.Agree(message.EphemeralKey));
        return new X3dhAgreement(
            Kdf.X3dhSharedSecret(dh), dh, AssociatedData(initiator, responder.PublicKeys),
            message.EphemeralKey, message.SignedPreKeyId, message.OneTimeKeyKind, message.OneTimePreKeyId);
    }

    /// <summary>
    /// AD = initiator's agreement key || initiator's signing key || responder's agreement key || responder's
    /// signing key. Both keys of each side, because the signing key is what the safety number shows: binding it
    /// here means a verified safety number vouches for the session too.
    /// </summary>
    public static byte[] AssociatedData(IdentityKeys initiator, IdentityKeys responder) =>
        [.. initiator.AgreementKey, .. initiator.SigningKey, .. responder.AgreementKey, .. responder.SigningKey];
}

/// <summary>The outcome of X3DH on either side; the DH outputs are kept only for the known-answer tests.</summary>
internal sealed record X3dhAgreement(
    byte[] SharedSecret,
    IReadOnlyList<byte[]> DhOutputs,
    byte[] AssociatedData,
    byte[] EphemeralKey,
    uint SignedPreKeyId,
    OneTimeKeyKind OneTimeKeyKind,
    uint OneTimePreKeyId) : IDisposable
{
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(SharedSecret);
        foreach (var dh in DhOutputs)
            CryptographicOperations.ZeroMemory(dh);
    }
}
