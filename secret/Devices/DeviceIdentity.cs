using System.Text.Json;
using GoChat.Secret.Keys;

namespace GoChat.Secret.Devices;

/// <summary>
/// The long-term keys of one device: an ECDH identity key for X3DH and a separate ECDSA identity key that signs
/// the device's prekeys (Signal signs with the agreement key through XEdDSA; WebCrypto has no such conversion,
/// and one WebCrypto key cannot both derive and sign).
/// </summary>
public sealed class DeviceIdentity : IDisposable
{
    public DeviceIdentity(AgreementKeyPair agreement, SigningKeyPair signing)
    {
        Agreement = agreement;
        Signing = signing;
        PublicKeys = new IdentityKeys(agreement.PublicKey, signing.PublicKey);
    }

    public AgreementKeyPair Agreement { get; }

    public SigningKeyPair Signing { get; }

    public IdentityKeys PublicKeys { get; }

    public static DeviceIdentity Generate(IEntropySource? entropy = null) =>
        new(AgreementKeyPair.Generate(entropy), SigningKeyPair.Generate(entropy));

    /// <summary>The private keys as JSON, for the client's own encrypted key store; never send this anywhere.</summary>
    public byte[] Export() => JsonSerializer.SerializeToUtf8Bytes(
        new Saved(Agreement.ExportPrivateScalar(), Signing.ExportPrivateScalar()));

    public static DeviceIdentity Import(ReadOnlySpan<byte> saved)
    {
        var state = StateJson.Read<Saved>(saved);
        return new DeviceIdentity(
            AgreementKeyPair.FromPrivateScalar(state.Agreement), SigningKeyPair.FromPrivateScalar(state.Signing));
    }

    public void Dispose()
    {
        Agreement.Dispose();
        Signing.Dispose();
    }

    private sealed record Saved(byte[] Agreement, byte[] Signing);
}
