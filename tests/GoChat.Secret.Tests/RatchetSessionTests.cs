using GoChat.Secret.Sessions;
using GoChat.Secret.Wire;

namespace GoChat.Secret.Tests;

public sealed class RatchetSessionTests
{
    [Fact]
    public void Messages_flow_both_ways_across_many_ratchet_steps()
    {
        var (alice, bob) = new Peers().Connect();
        for (var round = 0; round < 5; round++)
        {
            Assert.Equal($"a{round}", Bytes.Text(bob.Decrypt(alice.Encrypt(Bytes.Utf8($"a{round}")))));
            Assert.Equal($"b{round}", Bytes.Text(alice.Decrypt(bob.Encrypt(Bytes.Utf8($"b{round}")))));
        }
    }

    [Fact]
    public void Initiator_sends_prekey_messages_until_the_first_reply()
    {
        var peers = new Peers();
        var alice = RatchetSession.Initiate(peers.Alice, peers.BobPreKeys.Bundle(peers.Bob));
        var first = alice.Encrypt("one"u8);
        var second = alice.Encrypt("two"u8);
        Assert.Equal(MessageType.PreKey, WireFormat.PeekType(second));

        var bob = RatchetSession.Accept(peers.Bob, peers.BobPreKeys, first).Session;
        Assert.True(bob.IsContinuedBy(second));
        Assert.Equal("two", Bytes.Text(bob.Decrypt(second)));

        alice.Decrypt(bob.Encrypt("reply"u8));
        Assert.False(alice.AwaitingReply);
        Assert.Equal(MessageType.Ratchet, WireFormat.PeekType(alice.Encrypt("three"u8)));
    }

    [Fact]
    public void Out_of_order_messages_within_the_skip_window_open()
    {
        var (alice, bob) = new Peers().Connect();
        var sent = Enumerable.Range(0, 5).Select(i => alice.Encrypt(Bytes.Utf8($"m{i}"))).ToArray();
        foreach (var i in new[] { 3, 0, 4, 2, 1 })
            Assert.Equal($"m{i}", Bytes.Text(bob.Decrypt(sent[i])));
    }

    [Fact]
    public void Messages_from_an_older_chain_open_after_a_ratchet_step()
    {
        var (alice, bob) = new Peers().Connect();
        var late = alice.Encrypt("late"u8);
        bob.Decrypt(alice.Encrypt("first"u8));
        alice.Decrypt(bob.Encrypt("turn"u8));
        bob.Decrypt(alice.Encrypt("new chain"u8));
        Assert.Equal("late", Bytes.Text(bob.Decrypt(late)));
    }

    [Fact]
    public void Lost_messages_do_not_block_later_ones()
    {
        var (alice, bob) = new Peers().Connect();
        for (var i = 0; i < 10; i++)
            alice.Encrypt("lost"u8);
        Assert.Equal("arrives", Bytes.Text(bob.Decrypt(alice.Encrypt("arrives"u8))));
        Assert.Equal("reply", Bytes.Text(alice.Decrypt(bob.Encrypt("reply"u8))));
    }

    [Fact]
    public void Message_exactly_at_the_skip_window_opens()
    {
        var (alice, bob) = new Peers().Connect();
        for (var i = 0; i < RatchetSession.MaxSkip; i++)
            alice.Encrypt("lost"u8);
        Assert.Equal("edge", Bytes.Text(bob.Decrypt(alice.Encrypt("edge"u8))));
    }

    [Fact]
    public void Message_beyond_the_skip_window_is_refused()
    {
        var (alice, bob) = new Peers().Connect();
        for (var i = 0; i <= RatchetSession.MaxSkip; i++)
            alice.Encrypt("lost"u8);
        var error = Assert.Throws<SecretException>(() => bob.Decrypt(alice.Encrypt("too far"u8)));
        Assert.Equal(SecretError.TooFarAhead, error.Error);
    }

    [Fact]
    public void Replayed_ratchet_message_is_refused()
    {
        var (alice, bob) = new Peers().Connect();
        var message = alice.Encrypt("once"u8);
        bob.Decrypt(message);
        Assert.Equal(SecretError.Replayed, Assert.Throws<SecretException>(() => bob.Decrypt(message)).Error);
    }

    [Fact]
    public void Replayed_skipped_message_is_refused_after_it_was_read()
    {
        var (alice, bob) = new Peers().Connect();
        var early = alice.Encrypt("early"u8);
        bob.Decrypt(alice.Encrypt("later"u8));
        bob.Decrypt(early);
        Assert.Equal(SecretError.Replayed, Assert.Throws<SecretException>(() => bob.Decrypt(early)).Error);
    }

    [Fact]
    public void Replayed_message_from_a_retired_chain_is_refused()
    {
        var (alice, bob) = new Peers().Connect();
        var old = alice.Encrypt("old"u8);
        bob.Decrypt(old);
        alice.Decrypt(bob.Encrypt("turn"u8));
        bob.Decrypt(alice.Encrypt("new chain"u8));
        Assert.Equal(SecretError.Replayed, Assert.Throws<SecretException>(() => bob.Decrypt(old)).Error);
    }

    [Fact]
    public void Replayed_prekey_message_is_refused_as_a_new_session()
    {
        var peers = new Peers();
        var first = RatchetSession.Initiate(peers.Alice, peers.BobPreKeys.Bundle(peers.Bob)).Encrypt("hello"u8);
        RatchetSession.Accept(peers.Bob, peers.BobPreKeys, first);
        var error = Assert.Throws<SecretException>(() => RatchetSession.Accept(peers.Bob, peers.BobPreKeys, first));
        Assert.Equal(SecretError.Replayed, error.Error);
    }

    [Fact]
    public void Tampered_ciphertext_is_refused_and_the_session_keeps_working()
    {
        var (alice, bob) = new Peers().Connect();
        var message = alice.Encrypt("intact"u8);
        var tampered = Bytes.Flip(message, message.Length - 20);
        Assert.Equal(SecretError.AuthenticationFailed, Assert.Throws<SecretException>(() => bob.Decrypt(tampered)).Error);
        Assert.Equal("intact", Bytes.Text(bob.Decrypt(message)));
    }

    [Theory]
    [InlineData(WireFormat.RatchetHeaderLength - 1)] // N
    [InlineData(WireFormat.RatchetHeaderLength - 5)] // PN
    public void Tampered_header_is_refused_and_the_session_keeps_working(int index)
    {
        var (alice, bob) = new Peers().Connect();
        var message = alice.Encrypt("intact"u8);
        Assert.Equal(SecretError.AuthenticationFailed, Assert.Throws<SecretException>(() => bob.Decrypt(Bytes.Flip(message, index))).Error);
        Assert.Equal("intact", Bytes.Text(bob.Decrypt(message)));
    }

    [Fact]
    public void Tampered_ratchet_key_is_refused_and_the_session_keeps_working()
    {
        var (alice, bob) = new Peers().Connect();
        var message = alice.Encrypt("intact"u8);
        var error = Assert.Throws<SecretException>(() => bob.Decrypt(Bytes.Flip(message, 40)));
        Assert.Contains(error.Error, new[] { SecretError.InvalidKey, SecretError.AuthenticationFailed });
        Assert.Equal("intact", Bytes.Text(bob.Decrypt(message)));
    }

    [Fact]
    public void Tampered_associated_identity_in_a_prekey_message_is_refused()
    {
        var peers = new Peers();
        var first = RatchetSession.Initiate(peers.Alice, peers.BobPreKeys.Bundle(peers.Bob)).Encrypt("hello"u8);
        var otherSigningKey = Secret.Devices.DeviceIdentity.Generate().PublicKeys.SigningKey;
        var forged = first.ToArray();
        otherSigningKey.CopyTo(forged, 2 + 65);
        var error = Assert.Throws<SecretException>(() => RatchetSession.Accept(peers.Bob, peers.BobPreKeys, forged));
        Assert.Equal(SecretError.AuthenticationFailed, error.Error);
        Assert.Equal(3, peers.BobPreKeys.OneTimePreKeyCount);
    }

    [Fact]
    public void Unknown_wire_version_is_refused()
    {
        var (alice, bob) = new Peers().Connect();
        var message = alice.Encrypt("v1"u8);
        message[0] = 2;
        Assert.Equal(SecretError.UnsupportedVersion, Assert.Throws<SecretException>(() => bob.Decrypt(message)).Error);
    }

    [Fact]
    public void Truncated_message_is_refused_as_malformed()
    {
        var (alice, bob) = new Peers().Connect();
        var message = alice.Encrypt("v1"u8);
        Assert.Equal(SecretError.Malformed, Assert.Throws<SecretException>(() => bob.Decrypt(message[..40])).Error);
    }

    [Fact]
    public void Session_state_round_trips_through_serialization_and_keeps_working()
    {
        var (alice, bob) = new Peers().Connect();
        var skipped = alice.Encrypt("skipped"u8);
        bob.Decrypt(alice.Encrypt("read"u8));

        var restoredBob = RatchetSession.Import(bob.Export());
        var restoredAlice = RatchetSession.Import(alice.Export());
        Assert.Equal("skipped", Bytes.Text(restoredBob.Decrypt(skipped)));
        Assert.Equal("after", Bytes.Text(restoredBob.Decrypt(restoredAlice.Encrypt("after"u8))));
        Assert.Equal("back", Bytes.Text(restoredAlice.Decrypt(restoredBob.Encrypt("back"u8))));
        Assert.True(restoredBob.RemoteIdentity.SameAs(alice.LocalIdentity));
    }

    [Fact]
    public void Garbage_saved_state_is_refused_as_invalid_state()
    {
        var error = Assert.Throws<SecretException>(() => RatchetSession.Import("{not json"u8));
        Assert.Equal(SecretError.InvalidState, error.Error);
    }

    [Fact]
    public void Refusal_messages_carry_only_the_error_name()
    {
        var (alice, bob) = new Peers().Connect();
        var message = alice.Encrypt("secret"u8);
        var error = Assert.Throws<SecretException>(() => bob.Decrypt(Bytes.Flip(message, message.Length - 1)));
        Assert.Equal(nameof(SecretError.AuthenticationFailed), error.Message);
    }
    [Fact]
    public void Second_prekey_message_arriving_first_starts_the_session_and_the_first_still_opens()
    {
        var peers = new Peers();
        var alice = RatchetSession.Initiate(peers.Alice, peers.BobPreKeys.Bundle(peers.Bob));
        var first = alice.Encrypt("one"u8);
        var second = alice.Encrypt("two"u8);
        var bob = RatchetSession.Accept(peers.Bob, peers.BobPreKeys, second);
        Assert.Equal("two", Bytes.Text(bob.Plaintext));
        Assert.True(bob.Session.IsContinuedBy(first));
        Assert.Equal("one", Bytes.Text(bob.Session.Decrypt(first)));
    }

    [Fact]
    public void Message_claiming_the_signed_prekey_as_ratchet_key_is_refused_before_any_reply()
    {
        var peers = new Peers();
        var bundle = peers.BobPreKeys.Bundle(peers.Bob);
        var alice = RatchetSession.Initiate(peers.Alice, bundle);
        var forged = WireFormat.Encode(new RatchetMessage(bundle.SignedPreKey.PublicKey, 0, 0, new byte[32]));
        Assert.Equal(SecretError.AuthenticationFailed, Assert.Throws<SecretException>(() => alice.Decrypt(forged)).Error);
        Assert.True(alice.AwaitingReply);
    }

    [Fact]
    public void Prekey_message_of_another_session_is_not_taken_as_a_continuation()
    {
        var (_, bob) = new Peers().Connect();
        var peers = new Peers();
        var stranger = RatchetSession.Initiate(peers.Alice, peers.BobPreKeys.Bundle(peers.Bob)).Encrypt("new session"u8);
        Assert.False(bob.IsContinuedBy(stranger));
        Assert.Equal(SecretError.InvalidState, Assert.Throws<SecretException>(() => bob.Decrypt(stranger)).Error);
    }
}
