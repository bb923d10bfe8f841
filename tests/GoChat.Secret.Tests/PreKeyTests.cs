using GoChat.Secret.Devices;
using GoChat.Secret.Sessions;
using GoChat.Secret.Wire;

namespace GoChat.Secret.Tests;

public sealed class PreKeyTests
{
    [Fact]
    public void Bundle_with_a_bad_signed_prekey_signature_is_refused()
    {
        var peers = new Peers();
        var bundle = peers.BobPreKeys.Bundle(peers.Bob);
        var forged = bundle with { SignedPreKey = bundle.SignedPreKey with { Signature = Bytes.Flip(bundle.SignedPreKey.Signature, 10) } };
        var error = Assert.Throws<SecretException>(() => RatchetSession.Initiate(peers.Alice, forged));
        Assert.Equal(SecretError.BadSignature, error.Error);
    }

    [Fact]
    public void Bundle_with_a_signed_prekey_the_server_swapped_is_refused()
    {
        var peers = new Peers();
        var bundle = peers.BobPreKeys.Bundle(peers.Bob);
        var serverKey = Secret.Keys.AgreementKeyPair.Generate().PublicKey;
        var forged = bundle with { SignedPreKey = bundle.SignedPreKey with { PublicKey = serverKey } };
        Assert.Equal(SecretError.BadSignature, Assert.Throws<SecretException>(() => RatchetSession.Initiate(peers.Alice, forged)).Error);
    }

    [Fact]
    public void Signed_prekey_signature_is_not_accepted_for_another_key_id()
    {
        var peers = new Peers();
        var bundle = peers.BobPreKeys.Bundle(peers.Bob);
        var forged = bundle with { SignedPreKey = bundle.SignedPreKey with { Id = bundle.SignedPreKey.Id + 7 } };
        Assert.Equal(SecretError.BadSignature, Assert.Throws<SecretException>(() => forged.Verify()).Error);
    }

    [Fact]
    public void Bundle_with_a_bad_last_resort_signature_is_refused()
    {
        var peers = new Peers(oneTimePreKeys: 0);
        var bundle = peers.BobPreKeys.Bundle(peers.Bob);
        var forged = bundle with { LastResortPreKey = bundle.LastResortPreKey! with { Signature = Bytes.Flip(bundle.LastResortPreKey.Signature, 3) } };
        Assert.Equal(SecretError.BadSignature, Assert.Throws<SecretException>(() => forged.Verify()).Error);
    }

    [Fact]
    public void Bundle_with_a_point_off_the_curve_is_refused()
    {
        var peers = new Peers();
        var bundle = peers.BobPreKeys.Bundle(peers.Bob);
        var offCurve = Bytes.Flip(bundle.OneTimePreKey!.PublicKey, 64);
        var forged = bundle with { OneTimePreKey = bundle.OneTimePreKey with { PublicKey = offCurve } };
        Assert.Equal(SecretError.InvalidKey, Assert.Throws<SecretException>(() => forged.Verify()).Error);
    }

    [Fact]
    public void One_time_prekey_is_deleted_once_its_session_started()
    {
        var peers = new Peers(oneTimePreKeys: 2);
        var bundle = peers.BobPreKeys.Bundle(peers.Bob);
        var first = RatchetSession.Initiate(peers.Alice, bundle).Encrypt("hello"u8);
        Assert.Equal(OneTimeKeyKind.OneTime, WireFormat.DecodePreKey(first).OneTimeKeyKind);

        RatchetSession.Accept(peers.Bob, peers.BobPreKeys, first);
        Assert.Equal(1, peers.BobPreKeys.OneTimePreKeyCount);
        Assert.DoesNotContain(peers.BobPreKeys.OneTimePreKeys, k => k.Id == bundle.OneTimePreKey!.Id);

        // A second initiator that was served the same (already used) key is refused, not silently accepted.
        var carol = DeviceIdentity.Generate();
        var reuse = RatchetSession.Initiate(carol, bundle).Encrypt("hello"u8);
        Assert.Equal(SecretError.UnknownPreKey, Assert.Throws<SecretException>(() => RatchetSession.Accept(peers.Bob, peers.BobPreKeys, reuse)).Error);
    }

    [Fact]
    public void Last_resort_prekey_starts_sessions_when_one_time_keys_ran_out()
    {
        var peers = new Peers(oneTimePreKeys: 0);
        var bundle = peers.BobPreKeys.Bundle(peers.Bob);
        Assert.Null(bundle.OneTimePreKey);
        Assert.NotNull(bundle.LastResortPreKey);

        foreach (var initiator in new[] { peers.Alice, DeviceIdentity.Generate() })
        {
            var session = RatchetSession.Initiate(initiator, bundle);
            var first = session.Encrypt("offline while keys ran out"u8);
            Assert.Equal(OneTimeKeyKind.LastResort, WireFormat.DecodePreKey(first).OneTimeKeyKind);
            var accepted = RatchetSession.Accept(peers.Bob, peers.BobPreKeys, first);
            Assert.Equal("offline while keys ran out", Bytes.Text(accepted.Plaintext));
            Assert.Equal("reply", Bytes.Text(session.Decrypt(accepted.Session.Encrypt("reply"u8))));
        }
        Assert.Equal(bundle.LastResortPreKey!.Id, peers.BobPreKeys.LastResortPreKey.Id);
    }

    [Fact]
    public void Bundle_without_any_one_time_key_still_agrees()
    {
        var peers = new Peers();
        var bundle = peers.BobPreKeys.Bundle(peers.Bob) with { OneTimePreKey = null, LastResortPreKey = null };
        var first = RatchetSession.Initiate(peers.Alice, bundle).Encrypt("three DHs"u8);
        Assert.Equal(OneTimeKeyKind.None, WireFormat.DecodePreKey(first).OneTimeKeyKind);
        Assert.Equal("three DHs", Bytes.Text(RatchetSession.Accept(peers.Bob, peers.BobPreKeys, first).Plaintext));
    }

    [Fact]
    public void Message_against_the_previous_signed_prekey_still_opens_after_one_rotation()
    {
        var peers = new Peers();
        var first = RatchetSession.Initiate(peers.Alice, peers.BobPreKeys.Bundle(peers.Bob)).Encrypt("sent before rotation"u8);
        peers.BobPreKeys.RotateSignedPreKey(peers.Bob);
        Assert.Equal("sent before rotation", Bytes.Text(RatchetSession.Accept(peers.Bob, peers.BobPreKeys, first).Plaintext));
    }

    [Fact]
    public void Device_keys_and_prekeys_round_trip_through_serialization()
    {
        var peers = new Peers();
        var bundle = peers.BobPreKeys.Bundle(peers.Bob);
        var bob = DeviceIdentity.Import(peers.Bob.Export());
        var preKeys = DevicePreKeys.Import(peers.BobPreKeys.Export());
        Assert.True(bob.PublicKeys.SameAs(peers.Bob.PublicKeys));

        var first = RatchetSession.Initiate(peers.Alice, bundle).Encrypt("after restore"u8);
        Assert.Equal("after restore", Bytes.Text(RatchetSession.Accept(bob, preKeys, first).Plaintext));
    }
}
