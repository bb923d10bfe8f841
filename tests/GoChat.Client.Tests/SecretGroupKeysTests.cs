using System.Text;
using GoChat.Client.Secret;
using GoChat.Secret;
using static GoChat.Client.Tests.SecretDeviceTests;

namespace GoChat.Client.Tests;

/// <summary>A secret group's Sender Keys as each member device keeps them: one ciphertext for all, distributions pairwise, rotation on removal.</summary>
public sealed class SecretGroupKeysTests
{
    [Fact]
    public async Task Three_devices_read_each_others_group_messages_and_a_removed_one_reads_nothing_sent_after()
    {
        var group = Guid.NewGuid();
        var members = Enumerable.Range(0, 3).Select(_ => new Member(NewAddress(), new MemorySecretStore())).ToList();
        foreach (var m in members)
        {
            m.Device = await SecretDevice.Open(m.Address, m.Store);
            m.Keys = await SecretGroupKeys.Open(group, m.Store);
        }
        var (ana, ben, chu) = (members[0], members[1], members[2]);

        Assert.Equal("dari Ana", await Send(ana, members, "dari Ana"));
        Assert.Equal("dari Ben", await Send(ben, members, "dari Ben"));
        // A second message needs no distribution: every device holds Ana's chain now.
        var again = await ana.Keys.Encrypt(Encoding.UTF8.GetBytes("lagi"), members.Where(m => m != ana).Select(m => m.Address).ToList());
        Assert.Null(again.Distribution);
        Assert.Equal("lagi", Encoding.UTF8.GetString(await chu.Keys.Decrypt(ana.Address, again.Ciphertext)));

        // Chu is removed: Ana and Ben rotate, and what they send next reaches Ben and Ana only.
        var remaining = new List<Member> { ana, ben };
        await ana.Keys.Rotate([chu.Address]);
        await ben.Keys.Rotate([chu.Address]);
        var after = await ana.Keys.Encrypt(Encoding.UTF8.GetBytes("selepas Chu keluar"), [ben.Address]);
        Assert.Equal([ben.Address], after.NeedDistribution);
        await ben.Keys.Accept(ana.Address, after.Distribution!);
        Assert.Equal("selepas Chu keluar", Encoding.UTF8.GetString(await ben.Keys.Decrypt(ana.Address, after.Ciphertext)));
        await Assert.ThrowsAsync<SecretException>(() => chu.Keys.Decrypt(ana.Address, after.Ciphertext));
        Assert.Equal("Ben selepas", await Send(ben, remaining, "Ben selepas"));
    }

    [Fact]
    public async Task Group_keys_reopened_from_the_store_keep_reading_and_sending()
    {
        var group = Guid.NewGuid();
        var (ana, ben) = (new Member(NewAddress(), new MemorySecretStore()), new Member(NewAddress(), new MemorySecretStore()));
        ana.Keys = await SecretGroupKeys.Open(group, ana.Store);
        ben.Keys = await SecretGroupKeys.Open(group, ben.Store);
        var first = await ana.Keys.Encrypt(Encoding.UTF8.GetBytes("1"), [ben.Address]);
        await ben.Keys.Accept(ana.Address, first.Distribution!);
        await ben.Keys.Decrypt(ana.Address, first.Ciphertext);

        var anaAgain = await SecretGroupKeys.Open(group, ana.Store);
        var benAgain = await SecretGroupKeys.Open(group, ben.Store);
        var second = await anaAgain.Encrypt(Encoding.UTF8.GetBytes("2"), [ben.Address]);
        Assert.Null(second.Distribution);
        Assert.Equal("2", Encoding.UTF8.GetString(await benAgain.Decrypt(ana.Address, second.Ciphertext)));
        // The first message's key is gone with its use, also after reopening.
        await Assert.ThrowsAsync<SecretException>(() => benAgain.Decrypt(ana.Address, first.Ciphertext));
    }

    /// <summary>One group message from sender to the others, its distribution over pairwise sessions as the envelopes carry it.</summary>
    private static async Task<string> Send(Member sender, List<Member> members, string text)
    {
        var others = members.Where(m => m != sender).ToList();
        var sent = await sender.Keys.Encrypt(Encoding.UTF8.GetBytes(text), others.Select(m => m.Address).ToList());
        string? read = null;
        foreach (var other in others)
        {
            if (sent.NeedDistribution.Contains(other.Address))
            {
                var bundle = await sender.Device.HasSession(other.Address) ? null : BundleOf(other.Device);
                var pairwise = await sender.Device.Encrypt(other.Address, sent.Distribution!, bundle);
                await other.Keys.Accept(sender.Address, (await other.Device.Decrypt(sender.Address, pairwise)).Plaintext);
            }
            var plaintext = Encoding.UTF8.GetString(await other.Keys.Decrypt(sender.Address, sent.Ciphertext));
            Assert.True(read is null || read == plaintext);
            read = plaintext;
        }
        return read!;
    }

    private sealed class Member(DeviceAddress address, MemorySecretStore store)
    {
        public DeviceAddress Address { get; } = address;
        public MemorySecretStore Store { get; } = store;
        public SecretDevice Device { get; set; } = null!;
        public SecretGroupKeys Keys { get; set; } = null!;
    }
}
