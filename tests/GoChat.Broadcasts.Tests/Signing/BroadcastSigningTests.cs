using System.Security.Cryptography;
using GoChat.Broadcasts.Signing;

namespace GoChat.Broadcasts.Tests.Signing;

public class BroadcastSigningTests
{
    private readonly TestKeys _keys = new();
    private readonly AgencyKeyRing _ring;

    public BroadcastSigningTests() => _ring = _keys.Ring(_keys.Agency("nadma", "nadma-2026"), _keys.Agency("kkm", "kkm-2026"));

    [Fact]
    public void A_signed_broadcast_verifies_and_names_its_agency_key_and_date()
    {
        var payload = TestKeys.Payload();
        var signature = _ring.Sign(payload);

        var result = _ring.Verify(payload, signature);

        Assert.Equal(BroadcastVerificationStatus.Verified, result.Status);
        Assert.True(result.IsVerified);
        Assert.Equal("nadma", result.AgencyId);
        Assert.Equal("nadma-2026", result.KeyId);
        Assert.Equal(payload.PostedAt, result.PostedAt);
    }

    [Fact]
    public void The_signature_is_p1363_r_and_s_in_64_bytes()
    {
        var signature = _ring.Sign(TestKeys.Payload());

        Assert.Equal(64, signature.Signature.Length);
        Assert.Equal("nadma-2026", signature.KeyId);
    }

    public static TheoryData<string> Alterations => new()
    {
        "text", "text digit", "text word", "level", "tag", "tag order", "tag added", "date", "date by a millisecond",
        "agency", "broadcast id", "channel id", "attachment", "attachment dropped",
    };

    [Theory]
    [MemberData(nameof(Alterations))]
    public void Any_altered_field_makes_the_broadcast_forged(string alteration)
    {
        var payload = TestKeys.Payload();
        var signature = _ring.Sign(payload);
        var altered = alteration switch
        {
            "text" => payload with { Text = payload.Text.Replace("ditutup", "dibuka", StringComparison.Ordinal) },
            "text digit" => payload with { Text = payload.Text.Replace("14:00", "15:00", StringComparison.Ordinal) },
            "text word" => payload with { Text = payload.Text + " Segera." },
            "level" => payload with { Level = "TERHAD" },
            "tag" => payload with { Tags = ["banjir", "johor"] },
            "tag order" => payload with { Tags = ["selangor", "banjir"] },
            "tag added" => payload with { Tags = ["banjir", "selangor", "kecemasan"] },
            "date" => payload with { PostedAt = payload.PostedAt.AddDays(1) },
            "date by a millisecond" => payload with { PostedAt = payload.PostedAt.AddMilliseconds(1) },
            "agency" => payload with { AgencyId = "kkm" },
            "broadcast id" => payload with { BroadcastId = Guid.NewGuid() },
            "channel id" => payload with { ChannelId = Guid.NewGuid() },
            "attachment" => payload with { AttachmentSha256 = [new string('0', 64)] },
            "attachment dropped" => payload with { AttachmentSha256 = [] },
            _ => throw new ArgumentOutOfRangeException(nameof(alteration)),
        };

        Assert.Equal(BroadcastVerificationStatus.Forged, _ring.Verify(altered, signature).Status);
    }

    [Fact]
    public void A_forwarded_copy_with_invisible_marks_and_rewrapped_lines_still_verifies()
    {
        var payload = TestKeys.Payload();
        var signature = _ring.Sign(payload);
        var forwarded = payload with
        {
            Text = "AMARAN\u200B BANJIR\r\n\r\n  Jalan\u00A0Tun Razak di\u2060tutup mulai 14:00.\n\nElakkan kawasan ini.\uFEFF",
        };

        Assert.Equal(BroadcastVerificationStatus.Verified, _ring.Verify(forwarded, signature).Status);
    }

    [Fact]
    public void A_signature_made_outside_the_ring_is_forged()
    {
        var payload = TestKeys.Payload();
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signature = new BroadcastSignature("nadma-2026",
            stranger.SignData(payload.ToSignedBytes(), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

        Assert.Equal(BroadcastVerificationStatus.Forged, _ring.Verify(payload, signature).Status);
        Assert.Equal(BroadcastVerificationStatus.Forged, _ring.Verify(payload, signature with { Signature = new byte[10] }).Status);
    }

    [Fact]
    public void A_signature_by_a_key_nobody_certified_is_an_unknown_key()
    {
        var payload = TestKeys.Payload();
        var signature = _ring.Sign(payload) with { KeyId = "nadma-1999" };

        Assert.Equal(BroadcastVerificationStatus.UnknownKey, _ring.Verify(payload, signature).Status);
    }

    [Fact]
    public void A_key_certified_for_one_agency_cannot_sign_for_another()
    {
        var ring = _keys.Ring(_keys.Agency("nadma", "nadma-2026"));

        Assert.Throws<InvalidOperationException>(() => ring.Sign(TestKeys.Payload(agencyId: "kkm")));
    }

    [Fact]
    public void A_signature_by_one_agency_over_a_broadcast_naming_another_is_refused()
    {
        var nadma = _keys.Agency("nadma", "nadma-2026");
        var ring = _keys.Ring(nadma, _keys.Agency("kkm", "kkm-2026"));
        var claimsKkm = TestKeys.Payload(agencyId: "kkm");
        using var key = TestKeys.PrivateKey(nadma);
        var signature = new BroadcastSignature("nadma-2026",
            key.SignData(claimsKkm.ToSignedBytes(), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

        var result = ring.Verify(claimsKkm, signature);

        Assert.Equal(BroadcastVerificationStatus.KeyNotForAgency, result.Status);
        Assert.Equal("nadma", result.AgencyId);
    }

    [Fact]
    public void A_broadcast_dated_outside_its_key_certificate_is_not_verified_and_is_not_signed()
    {
        var key = _keys.Agency("nadma", "nadma-2026", days: 30);
        var ring = _keys.Ring(key);
        var late = TestKeys.Payload(postedAt: TestKeys.Start.AddDays(31));
        var early = TestKeys.Payload(postedAt: TestKeys.Start.AddDays(-1));
        using var privateKey = TestKeys.PrivateKey(key);
        BroadcastSignature SignAnyway(BroadcastPayload p) => new("nadma-2026",
            privateKey.SignData(p.ToSignedBytes(), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

        Assert.Throws<InvalidOperationException>(() => ring.Sign(late));
        Assert.Equal(BroadcastVerificationStatus.ExpiredKeyAtPostTime, ring.Verify(late, SignAnyway(late)).Status);
        Assert.Equal(BroadcastVerificationStatus.KeyNotYetValidAtPostTime, ring.Verify(early, SignAnyway(early)).Status);
    }

    [Fact]
    public void A_broadcast_that_cannot_be_encoded_is_malformed()
    {
        var payload = TestKeys.Payload();
        var signature = _ring.Sign(payload);

        Assert.Equal(BroadcastVerificationStatus.Malformed,
            _ring.Verify(payload with { AttachmentSha256 = ["not hex"] }, signature).Status);
        Assert.Equal(BroadcastVerificationStatus.Malformed, _ring.Verify(payload with { Level = "\uD800" }, signature).Status);
    }
}
