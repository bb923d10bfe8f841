using System.Buffers.Text;
using System.Security.Cryptography;
using GoChat.Broadcasts.Signing;

namespace GoChat.Broadcasts.Tests.Signing;

/// <summary>Keys made fresh for each test run; nothing here is, or may become, a real key.</summary>
internal sealed class TestKeys
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public ECDsa Root { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public string RootId { get; init; } = "root-test";

    public Dictionary<string, string> RootConfiguration => new() { [RootId] = Base64Url.EncodeToString(RawPublic(Root)) };

    public PlatformRoots Roots => PlatformRoots.FromConfiguration(RootConfiguration);

    public AgencySigningKeyOptions Agency(string agencyId, string keyId, bool active = true, int days = 730, DateTimeOffset? from = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var notBefore = from ?? Start;
        var certificate = AgencyKeyCertificate.Issue(keyId, agencyId, key, notBefore, notBefore.AddDays(days), RootId, Root);
        return new AgencySigningKeyOptions
        {
            KeyId = keyId,
            AgencyId = agencyId,
            PrivateKeyPkcs8 = Convert.ToBase64String(key.ExportPkcs8PrivateKey()),
            Certificate = certificate.Encode(),
            Active = active,
        };
    }

    public BroadcastSigningOptions Options(params AgencySigningKeyOptions[] keys) =>
        new() { RootPublicKeys = RootConfiguration, Keys = [.. keys] };

    public AgencyKeyRing Ring(params AgencySigningKeyOptions[] keys) => AgencyKeyRing.FromOptions(Options(keys));

    public static ECDsa PrivateKey(AgencySigningKeyOptions key)
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(Convert.FromBase64String(key.PrivateKeyPkcs8!), out _);
        return ecdsa;
    }

    public static byte[] RawPublic(ECDsa key)
    {
        var q = key.ExportParameters(false).Q;
        return [0x04, .. q.X!, .. q.Y!];
    }

    public static BroadcastPayload Payload(string agencyId = "nadma", DateTimeOffset? postedAt = null) => new(
        BroadcastId: Guid.Parse("0f8e4c2a-6b1d-4e5f-9a3c-7d2b1e0f4a59"),
        ChannelId: Guid.Parse("3c9a7e21-5d4b-4f8a-b6e2-1a0c9d8e7f65"),
        AgencyId: agencyId,
        Level: "TERBUKA",
        Tags: ["banjir", "selangor"],
        PostedAt: postedAt ?? new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero),
        Text: "AMARAN BANJIR\nJalan Tun Razak ditutup mulai 14:00. Elakkan kawasan ini.",
        AttachmentSha256: ["e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"]);
}
