using GoChat.Secret.Devices;
using GoChat.Secret.Sessions;

namespace GoChat.Secret.Tests;

/// <summary>Two devices with fresh keys and an established session, for the behaviour tests.</summary>
internal sealed class Peers
{
    public DeviceIdentity Alice { get; } = DeviceIdentity.Generate();
    public DeviceIdentity Bob { get; } = DeviceIdentity.Generate();
    public DevicePreKeys BobPreKeys { get; }

    public Peers(int oneTimePreKeys = 3) => BobPreKeys = DevicePreKeys.Create(Bob, oneTimePreKeys);

    /// <summary>Alice starts, Bob accepts her first message, and Bob answers so both sides have sent.</summary>
    public (RatchetSession Alice, RatchetSession Bob) Connect()
    {
        var alice = RatchetSession.Initiate(Alice, BobPreKeys.Bundle(Bob));
        var bob = RatchetSession.Accept(Bob, BobPreKeys, alice.Encrypt("hello"u8)).Session;
        alice.Decrypt(bob.Encrypt("hi"u8));
        return (alice, bob);
    }
}

internal static class Bytes
{
    public static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    public static string Text(byte[] bytes) => System.Text.Encoding.UTF8.GetString(bytes);

    public static byte[] Flip(byte[] bytes, int index)
    {
        var copy = bytes.ToArray();
        copy[index] ^= 0x01;
        return copy;
    }
}
