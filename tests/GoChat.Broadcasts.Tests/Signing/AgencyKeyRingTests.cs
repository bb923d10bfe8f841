using GoChat.Broadcasts.Signing;

namespace GoChat.Broadcasts.Tests.Signing;

public class AgencyKeyRingTests
{
    private readonly TestKeys _keys = new();

    [Fact]
    public void A_key_certified_by_an_untrusted_root_is_refused()
    {
        var impostor = new TestKeys { RootId = "root-test" }; // same id, different key pair
        var options = _keys.Options(impostor.Agency("nadma", "nadma-2026"));

        var error = Assert.Throws<InvalidOperationException>(() => AgencyKeyRing.FromOptions(options));
        Assert.Contains("platform root", error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(BroadcastSigningOptionsValidator.Validate(options));
    }

    [Fact]
    public void A_key_certified_by_a_root_nobody_configured_is_refused()
    {
        var elsewhere = new TestKeys { RootId = "root-elsewhere" };

        Assert.Throws<InvalidOperationException>(() => AgencyKeyRing.FromOptions(_keys.Options(elsewhere.Agency("nadma", "nadma-2026"))));
    }

    [Fact]
    public void A_private_key_that_is_not_the_one_certified_is_refused()
    {
        var key = _keys.Agency("nadma", "nadma-2026");
        key.PrivateKeyPkcs8 = _keys.Agency("nadma", "nadma-2026").PrivateKeyPkcs8;

        var error = Assert.Throws<InvalidOperationException>(() => _keys.Ring(key));
        Assert.Contains("not the one its certificate certifies", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_configured_for_another_agency_or_key_id_is_refused()
    {
        var forKkm = _keys.Agency("kkm", "kkm-2026");
        forKkm.AgencyId = "nadma";
        var renamed = _keys.Agency("nadma", "nadma-2026");
        renamed.KeyId = "nadma-2027";

        Assert.Throws<InvalidOperationException>(() => _keys.Ring(forKkm));
        Assert.Throws<InvalidOperationException>(() => _keys.Ring(renamed));
    }

    [Fact]
    public void Two_active_keys_for_one_agency_are_refused()
    {
        var options = _keys.Options(_keys.Agency("nadma", "nadma-2026"), _keys.Agency("nadma", "nadma-2027"));

        Assert.Contains(BroadcastSigningOptionsValidator.Validate(options), p => p.Contains("more than one active key", StringComparison.Ordinal));
    }

    [Fact]
    public void After_rotation_old_broadcasts_still_verify_and_new_ones_use_the_new_key()
    {
        var old = _keys.Agency("nadma", "nadma-2026");
        var before = _keys.Ring(old);
        var lastYear = TestKeys.Payload(postedAt: TestKeys.Start.AddDays(100));
        var oldSignature = before.Sign(lastYear);

        old.Active = false;
        var rotated = _keys.Ring(old, _keys.Agency("nadma", "nadma-2027", from: TestKeys.Start.AddDays(365)));
        var thisYear = TestKeys.Payload(postedAt: TestKeys.Start.AddDays(400));
        var newSignature = rotated.Sign(thisYear);

        Assert.Equal("nadma-2026", oldSignature.KeyId);
        Assert.Equal("nadma-2027", newSignature.KeyId);
        Assert.Equal("nadma-2027", rotated.ActiveCertificate("nadma")!.KeyId);
        Assert.True(rotated.Verify(lastYear, oldSignature).IsVerified);
        Assert.True(rotated.Verify(thisYear, newSignature).IsVerified);
    }

    [Fact]
    public void A_retired_key_whose_private_half_is_destroyed_still_verifies_its_broadcasts()
    {
        var old = _keys.Agency("nadma", "nadma-2026");
        var payload = TestKeys.Payload();
        var signature = _keys.Ring(old).Sign(payload);
        old.Active = false;
        old.PrivateKeyPkcs8 = null;

        var ring = _keys.Ring(old);

        Assert.True(ring.Verify(payload, signature).IsVerified);
        Assert.Null(ring.ActiveCertificate("nadma"));
        Assert.Throws<InvalidOperationException>(() => ring.Sign(payload));
    }

    [Fact]
    public void An_active_key_without_its_private_half_is_refused()
    {
        var key = _keys.Agency("nadma", "nadma-2026");
        key.PrivateKeyPkcs8 = "";

        Assert.Throws<InvalidOperationException>(() => _keys.Ring(key));
    }

    [Fact]
    public void Sound_options_validate_clean_and_empty_ones_say_what_is_missing()
    {
        Assert.Empty(BroadcastSigningOptionsValidator.Validate(_keys.Options(_keys.Agency("nadma", "nadma-2026"))));
        Assert.Empty(BroadcastSigningOptionsValidator.Validate(_keys.Options(), requireSigningKey: false));

        var problems = BroadcastSigningOptionsValidator.Validate(new BroadcastSigningOptions());
        Assert.Contains(problems, p => p.Contains("RootPublicKeys", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Root-2026", "BH4CslaYdJB26MLAnTMBcojN_RSHICo4UnmxEPC9U_MWqD804oMh8B2dQ15l7_EHgEfW4AZATpsGABXRWmUQeh8")]
    [InlineData("root-2026", "not a key")]
    [InlineData("root-2026", "BH4CslaYdJB26MLAnTMBcojN_RSHICo4UnmxEPC9U_MWqD804oMh8B2dQ15l7_EHgEfW4AZATpsGABXRWmUQeh9")]
    public void A_root_with_a_bad_id_or_a_value_that_is_no_p256_key_is_refused(string id, string value) =>
        Assert.Throws<FormatException>(() => PlatformRoots.FromConfiguration(new Dictionary<string, string> { [id] = value }));

    [Fact]
    public void A_verifier_without_private_keys_checks_what_the_ring_signed()
    {
        var ring = _keys.Ring(_keys.Agency("nadma", "nadma-2026"));
        var payload = TestKeys.Payload();
        var verifier = new BroadcastVerifier(_keys.Roots, ring.Verifier.Certificates);

        Assert.True(verifier.Verify(payload, ring.Sign(payload)).IsVerified);
    }
}
