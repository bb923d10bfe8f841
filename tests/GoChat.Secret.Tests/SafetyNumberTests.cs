using GoChat.Secret.Devices;

namespace GoChat.Secret.Tests;

public sealed class SafetyNumberTests
{
    private readonly IdentityKeys _alice = DeviceIdentity.Generate().PublicKeys;
    private readonly IdentityKeys _bob = DeviceIdentity.Generate().PublicKeys;

    [Fact]
    public void Safety_number_is_the_same_from_either_side()
    {
        var seenByAlice = SafetyNumber.Compute("alice", _alice.SigningKey, "bob", _bob.SigningKey);
        var seenByBob = SafetyNumber.Compute("bob", _bob.SigningKey, "alice", _alice.SigningKey);
        Assert.Equal(seenByAlice, seenByBob);
    }

    [Fact]
    public void Safety_number_is_sixty_digits_in_twelve_groups_of_five()
    {
        var number = SafetyNumber.Compute("alice", _alice.SigningKey, "bob", _bob.SigningKey);
        Assert.Matches("^[0-9]{60}$", number.Digits);
        Assert.Matches("^([0-9]{5} ){11}[0-9]{5}$", number.ToString());
    }

    [Fact]
    public void Safety_number_changes_when_a_key_or_user_changes()
    {
        var number = SafetyNumber.Compute("alice", _alice.SigningKey, "bob", _bob.SigningKey);
        var otherKey = DeviceIdentity.Generate().PublicKeys.SigningKey;
        Assert.NotEqual(number, SafetyNumber.Compute("alice", _alice.SigningKey, "bob", otherKey));
        Assert.NotEqual(number, SafetyNumber.Compute("alice", _alice.SigningKey, "mallory", _bob.SigningKey));
    }
}
