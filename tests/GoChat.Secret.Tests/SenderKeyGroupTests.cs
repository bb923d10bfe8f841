using GoChat.Secret.Groups;
using GoChat.Secret.Keys;
using GoChat.Secret.Wire;

namespace GoChat.Secret.Tests;

public sealed class SenderKeyGroupTests
{
    private readonly SenderKeyGroup _alice = SenderKeyGroup.Create();
    private readonly SenderKeyGroup _bob = SenderKeyGroup.Create();
    private readonly SenderKeyGroup _carol = SenderKeyGroup.Create();

    public SenderKeyGroupTests()
    {
        // In the client these distributions travel inside pairwise RatchetSession messages.
        _bob.Accept("alice/1", _alice.Distribution());
        _carol.Accept("alice/1", _alice.Distribution());
        _alice.Accept("bob/1", _bob.Distribution());
        _carol.Accept("bob/1", _bob.Distribution());
    }

    [Fact]
    public void Group_members_read_each_others_messages()
    {
        var fromAlice = _alice.Encrypt("to all"u8);
        Assert.Equal("to all", Bytes.Text(_bob.Decrypt("alice/1", fromAlice)));
        Assert.Equal("to all", Bytes.Text(_carol.Decrypt("alice/1", fromAlice)));
        Assert.Equal("from bob", Bytes.Text(_alice.Decrypt("bob/1", _bob.Encrypt("from bob"u8))));
    }

    [Fact]
    public void Removed_group_member_cannot_read_after_rotation()
    {
        Assert.Equal("before", Bytes.Text(_carol.Decrypt("alice/1", _alice.Encrypt("before"u8))));

        // Carol is removed: every remaining member rotates and distributes only to those who stay.
        _bob.Accept("alice/1", _alice.Rotate());
        _alice.Accept("bob/1", _bob.Rotate());
        _alice.Forget("carol/1");
        _bob.Forget("carol/1");

        var afterAlice = _alice.Encrypt("after removal"u8);
        var afterBob = _bob.Encrypt("after removal"u8);
        Assert.Equal("after removal", Bytes.Text(_bob.Decrypt("alice/1", afterAlice)));
        Assert.Equal("after removal", Bytes.Text(_alice.Decrypt("bob/1", afterBob)));
        Assert.Equal(SecretError.UnknownChain, Assert.Throws<SecretException>(() => _carol.Decrypt("alice/1", afterAlice)).Error);
        Assert.Equal(SecretError.UnknownChain, Assert.Throws<SecretException>(() => _carol.Decrypt("bob/1", afterBob)).Error);
    }

    [Fact]
    public void Removed_member_cannot_read_by_relabelling_the_new_message_with_the_old_chain_id()
    {
        var oldChainId = _alice.ChainId;
        _bob.Accept("alice/1", _alice.Rotate());
        var message = WireFormat.DecodeSenderKey(_alice.Encrypt("after removal"u8));
        var relabelled = WireFormat.Encode(message with { ChainId = oldChainId });
        var error = Assert.Throws<SecretException>(() => _carol.Decrypt("alice/1", relabelled));
        Assert.Equal(SecretError.BadSignature, error.Error);
    }

    [Fact]
    public void Messages_sent_just_before_a_rotation_still_open()
    {
        var inFlight = _alice.Encrypt("in flight"u8);
        _bob.Accept("alice/1", _alice.Rotate());
        Assert.Equal("in flight", Bytes.Text(_bob.Decrypt("alice/1", inFlight)));
    }

    [Fact]
    public void Tampered_sender_key_signature_is_refused()
    {
        var message = _alice.Encrypt("signed"u8);
        var error = Assert.Throws<SecretException>(() => _bob.Decrypt("alice/1", Bytes.Flip(message, message.Length - 1)));
        Assert.Equal(SecretError.BadSignature, error.Error);
        Assert.Equal("signed", Bytes.Text(_bob.Decrypt("alice/1", message)));
    }

    [Fact]
    public void Tampered_sender_key_ciphertext_is_refused()
    {
        var message = _alice.Encrypt("signed"u8);
        var tampered = Bytes.Flip(message, WireFormat.SenderKeyHeaderLength + 1);
        Assert.Equal(SecretError.BadSignature, Assert.Throws<SecretException>(() => _bob.Decrypt("alice/1", tampered)).Error);
    }

    [Fact]
    public void Member_holding_the_chain_key_cannot_forge_a_message_from_the_sender()
    {
        // Bob knows Alice's chain key, so he can encrypt under it, but he cannot sign with her chain's key.
        var real = WireFormat.DecodeSenderKey(_alice.Encrypt("real"u8));
        using var bobSigning = SigningKeyPair.Generate();
        var forged = real with { Signature = bobSigning.Sign(WireFormat.SenderKeySignedPart(real)) };
        Assert.Equal(SecretError.BadSignature, Assert.Throws<SecretException>(() => _carol.Decrypt("alice/1", WireFormat.Encode(forged))).Error);
    }

    [Fact]
    public void Chain_accepted_under_one_sender_does_not_open_messages_claimed_by_another()
    {
        var message = _alice.Encrypt("from alice"u8);
        Assert.Equal(SecretError.UnknownChain, Assert.Throws<SecretException>(() => _carol.Decrypt("bob/1", message)).Error);
    }

    [Fact]
    public void Replayed_sender_key_message_is_refused()
    {
        var message = _alice.Encrypt("once"u8);
        _bob.Decrypt("alice/1", message);
        Assert.Equal(SecretError.Replayed, Assert.Throws<SecretException>(() => _bob.Decrypt("alice/1", message)).Error);
    }

    [Fact]
    public void Out_of_order_and_lost_sender_key_messages_open_within_the_window()
    {
        var sent = Enumerable.Range(0, 6).Select(i => _alice.Encrypt(Bytes.Utf8($"g{i}"))).ToArray();
        foreach (var i in new[] { 5, 1, 3 })
            Assert.Equal($"g{i}", Bytes.Text(_bob.Decrypt("alice/1", sent[i])));
        Assert.Equal(SecretError.Replayed, Assert.Throws<SecretException>(() => _bob.Decrypt("alice/1", sent[3])).Error);
    }

    [Fact]
    public void Sender_key_message_beyond_the_window_is_refused()
    {
        for (var i = 0; i <= SenderKeyReceiver.MaxSkip; i++)
            _alice.Encrypt("lost"u8);
        var error = Assert.Throws<SecretException>(() => _bob.Decrypt("alice/1", _alice.Encrypt("too far"u8)));
        Assert.Equal(SecretError.TooFarAhead, error.Error);
    }

    [Fact]
    public void Late_joiner_cannot_read_messages_sent_before_it_got_the_chain()
    {
        var before = _alice.Encrypt("before dave"u8);
        var dave = SenderKeyGroup.Create();
        dave.Accept("alice/1", _alice.Distribution());
        Assert.Equal(SecretError.Replayed, Assert.Throws<SecretException>(() => dave.Decrypt("alice/1", before)).Error);
        Assert.Equal("welcome", Bytes.Text(dave.Decrypt("alice/1", _alice.Encrypt("welcome"u8))));
    }

    [Fact]
    public void Group_state_round_trips_through_serialization_and_keeps_working()
    {
        var skipped = _alice.Encrypt("skipped"u8);
        _bob.Decrypt("alice/1", _alice.Encrypt("read"u8));
        var alice = SenderKeyGroup.Import(_alice.Export());
        var bob = SenderKeyGroup.Import(_bob.Export());
        Assert.Equal("skipped", Bytes.Text(bob.Decrypt("alice/1", skipped)));
        Assert.Equal("after", Bytes.Text(bob.Decrypt("alice/1", alice.Encrypt("after"u8))));
        Assert.Equal("back", Bytes.Text(alice.Decrypt("bob/1", bob.Encrypt("back"u8))));
    }
    [Fact]
    public void Taking_a_held_chain_again_does_not_rewind_it()
    {
        var distribution = _alice.Distribution();
        var message = _alice.Encrypt("once"u8);
        _bob.Decrypt("alice/1", message);
        _bob.Accept("alice/1", distribution);
        Assert.Equal(SecretError.Replayed, Assert.Throws<SecretException>(() => _bob.Decrypt("alice/1", message)).Error);
    }
}
