using GoChat.Secret.Groups;
using GoChat.Secret.Wire;

namespace GoChat.Secret.Tests;

public sealed class WireFormatTests
{
    [Fact]
    public void Every_message_starts_with_version_1_and_its_type()
    {
        var (alice, _) = new Peers().Connect();
        var group = SenderKeyGroup.Create();
        Assert.Equal(MessageType.Ratchet, WireFormat.PeekType(alice.Encrypt("x"u8)));
        Assert.Equal(MessageType.SenderKeyDistribution, WireFormat.PeekType(group.Distribution()));
        Assert.Equal(MessageType.SenderKey, WireFormat.PeekType(group.Encrypt("x"u8)));
        Assert.All(new[] { alice.Encrypt("x"u8), group.Distribution(), group.Encrypt("x"u8) }, m => Assert.Equal(1, m[0]));
    }

    [Fact]
    public void Field_lengths_are_the_specs()
    {
        var (alice, _) = new Peers().Connect();
        var group = SenderKeyGroup.Create();
        Assert.Equal(75 + 5 + 16, alice.Encrypt("hello"u8).Length);
        Assert.Equal(119, group.Distribution().Length);
        Assert.Equal(22 + 5 + 16 + 64, group.Encrypt("hello"u8).Length);
        Assert.Equal(206, WireFormat.PreKeyHeaderLength);
    }

    [Fact]
    public void Prekey_message_without_a_fourth_key_but_with_an_id_is_malformed()
    {
        var peers = new Peers();
        var bundle = peers.BobPreKeys.Bundle(peers.Bob) with { OneTimePreKey = null, LastResortPreKey = null };
        var message = Secret.Sessions.RatchetSession.Initiate(peers.Alice, bundle).Encrypt("x"u8);
        message[205] = 7;
        Assert.Equal(SecretError.Malformed, Assert.Throws<SecretException>(() => WireFormat.DecodePreKey(message)).Error);
    }

    [Fact]
    public void Unknown_message_type_is_malformed()
    {
        Assert.Equal(SecretError.Malformed, Assert.Throws<SecretException>(() => WireFormat.PeekType([1, 9, 0, 0])).Error);
        Assert.Equal(SecretError.Malformed, Assert.Throws<SecretException>(() => WireFormat.PeekType([1])).Error);
    }

    [Fact]
    public void Sender_key_distribution_round_trips()
    {
        var distribution = new SenderKeyDistribution(new byte[16], 42, new byte[32], Secret.Keys.SigningKeyPair.Generate().PublicKey);
        var decoded = WireFormat.DecodeSenderKeyDistribution(WireFormat.Encode(distribution));
        Assert.Equal(42u, decoded.Iteration);
        Assert.Equal(distribution.SigningKey, decoded.SigningKey);
    }
}
