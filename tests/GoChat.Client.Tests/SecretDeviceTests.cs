using System.Text;
using GoChat.Client.Secret;
using GoChat.Secret;
using GoChat.Secret.Devices;

namespace GoChat.Client.Tests;

/// <summary>A device's pairwise sessions as the client keeps them: made from a bundle, kept in its store, chosen per message.</summary>
public sealed class SecretDeviceTests
{
    [Fact]
    public async Task Two_devices_talk_both_ways_and_pick_up_where_they_were_after_reopening_their_stores()
    {
        var (aliceStore, bobStore) = (new MemorySecretStore(), new MemorySecretStore());
        var (aliceAt, bobAt) = (NewAddress(), NewAddress());
        using (var alice = await SecretDevice.Open(aliceAt, aliceStore))
        using (var bob = await SecretDevice.Open(bobAt, bobStore))
        {
            var first = await alice.Encrypt(bobAt, Text("Salam, Bob"), BundleOf(bob));
            Assert.Equal("Salam, Bob", Read(await bob.Decrypt(aliceAt, first)));
            Assert.Equal(SecretDevice.DefaultOneTimePreKeys - 1, bob.OneTimePreKeyCount);
            Assert.Equal("Waalaikumsalam", Read(await alice.Decrypt(bobAt, await bob.Encrypt(aliceAt, Text("Waalaikumsalam")))));
        }

        using var aliceAgain = await SecretDevice.Open(aliceAt, aliceStore);
        using var bobAgain = await SecretDevice.Open(bobAt, bobStore);
        Assert.True(await aliceAgain.HasSession(bobAt));
        Assert.Equal("Mesyuarat jam 3", Read(await bobAgain.Decrypt(aliceAt, await aliceAgain.Encrypt(bobAt, Text("Mesyuarat jam 3")))));
        Assert.True(aliceAgain.PublicKeys.SameAs((await bobAgain.RemoteIdentity(aliceAt))!));
    }

    [Fact]
    public async Task Without_a_session_or_a_bundle_nothing_is_encrypted()
    {
        using var alice = await SecretDevice.Open(NewAddress(), new MemorySecretStore());
        var refused = await Assert.ThrowsAsync<SecretException>(() => alice.Encrypt(NewAddress(), Text("x")));
        Assert.Equal(SecretError.InvalidState, refused.Error);
    }

    [Fact]
    public async Task Devices_that_start_sessions_with_each_other_at_once_read_every_message_and_settle_on_one()
    {
        var (aliceAt, bobAt) = (NewAddress(), NewAddress());
        using var alice = await SecretDevice.Open(aliceAt, new MemorySecretStore());
        using var bob = await SecretDevice.Open(bobAt, new MemorySecretStore());
        // Both send before either has heard from the other: two sessions, one started by each side.
        var fromAlice = await alice.Encrypt(bobAt, Text("a1"), BundleOf(bob));
        var fromBob = await bob.Encrypt(aliceAt, Text("b1"), BundleOf(alice));
        Assert.Equal("a1", Read(await bob.Decrypt(aliceAt, fromAlice)));
        Assert.Equal("b1", Read(await alice.Decrypt(bobAt, fromBob)));

        // Each now sends on the session it accepted last; the other still holds it and reads on.
        for (var i = 2; i <= 4; i++)
        {
            Assert.Equal($"a{i}", Read(await bob.Decrypt(aliceAt, await alice.Encrypt(bobAt, Text($"a{i}")))));
            Assert.Equal($"b{i}", Read(await alice.Decrypt(bobAt, await bob.Encrypt(aliceAt, Text($"b{i}")))));
        }
    }

    [Fact]
    public async Task A_tampered_or_replayed_message_is_refused_and_the_session_reads_the_next_one()
    {
        var (aliceAt, bobAt) = (NewAddress(), NewAddress());
        using var alice = await SecretDevice.Open(aliceAt, new MemorySecretStore());
        using var bob = await SecretDevice.Open(bobAt, new MemorySecretStore());
        var first = await alice.Encrypt(bobAt, Text("satu"), BundleOf(bob));
        await bob.Decrypt(aliceAt, first);
        await alice.Decrypt(bobAt, await bob.Encrypt(aliceAt, Text("ok")));

        var second = await alice.Encrypt(bobAt, Text("dua"));
        var tampered = second.ToArray();
        tampered[^1] ^= 0x01;
        Assert.Equal(SecretError.AuthenticationFailed, (await Assert.ThrowsAsync<SecretException>(() => bob.Decrypt(aliceAt, tampered))).Error);
        Assert.Equal("dua", Read(await bob.Decrypt(aliceAt, second)));
        await Assert.ThrowsAsync<SecretException>(() => bob.Decrypt(aliceAt, second));
        await Assert.ThrowsAsync<SecretException>(() => bob.Decrypt(aliceAt, first));
        Assert.Equal("tiga", Read(await bob.Decrypt(aliceAt, await alice.Encrypt(bobAt, Text("tiga")))));
    }

    [Fact]
    public async Task A_device_that_comes_back_with_new_keys_is_reported_as_changed()
    {
        var (aliceAt, bobAt) = (NewAddress(), NewAddress());
        using var bob = await SecretDevice.Open(bobAt, new MemorySecretStore());
        using (var alice = await SecretDevice.Open(aliceAt, new MemorySecretStore()))
        {
            Assert.False((await bob.Decrypt(aliceAt, await alice.Encrypt(bobAt, Text("lama"), BundleOf(bob)))).IdentityChanged);
        }
        // Same address, a fresh store: a reinstalled device has a new identity.
        using var reinstalled = await SecretDevice.Open(aliceAt, new MemorySecretStore());
        var opened = await bob.Decrypt(aliceAt, await reinstalled.Encrypt(bobAt, Text("baru"), BundleOf(bob)));
        Assert.Equal("baru", Read(opened));
        Assert.True(opened.IdentityChanged);
        Assert.True(reinstalled.PublicKeys.SameAs(opened.SenderIdentity));
    }

    [Fact]
    public async Task The_store_holds_no_plaintext()
    {
        var (aliceStore, bobStore) = (new MemorySecretStore(), new MemorySecretStore());
        var (aliceAt, bobAt) = (NewAddress(), NewAddress());
        using var alice = await SecretDevice.Open(aliceAt, aliceStore);
        using var bob = await SecretDevice.Open(bobAt, bobStore);
        const string secret = "Kertas kabinet 7731 bocor";
        await bob.Decrypt(aliceAt, await alice.Encrypt(bobAt, Text(secret), BundleOf(bob)));
        await alice.Decrypt(bobAt, await bob.Encrypt(aliceAt, Text(secret)));
        var needle = Encoding.UTF8.GetBytes(secret);
        var base64 = Encoding.UTF8.GetBytes(Convert.ToBase64String(needle)[..16]);
        foreach (var blob in aliceStore.All.Concat(bobStore.All))
        {
            Assert.Equal(-1, blob.AsSpan().IndexOf(needle));
            Assert.Equal(-1, blob.AsSpan().IndexOf(base64));
        }
    }

    internal static DeviceAddress NewAddress() => new(Guid.NewGuid(), Guid.NewGuid());

    internal static PreKeyBundle BundleOf(SecretDevice device)
    {
        var keys = device.Published();
        return new PreKeyBundle(keys.Identity, keys.SignedPreKey, keys.OneTimePreKeys[0], null);
    }

    internal static ReadOnlyMemory<byte> Text(string text) => Encoding.UTF8.GetBytes(text);

    internal static string Read(Decrypted opened) => Encoding.UTF8.GetString(opened.Plaintext);
}
