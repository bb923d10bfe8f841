using System.Text.Json;
using GoChat.Secret.Groups;

namespace GoChat.Client.Secret;

/// <summary>
/// This device's Sender Keys for one secret group: its own chain, the chains the other member devices gave it, and
/// which member devices already hold its current chain. A message is encrypted once for everyone; the devices that lack
/// the chain get its distribution first, each over its pairwise session (the caller sends those in the same envelope).
/// When anyone leaves or is removed, the chain is replaced and handed only to those who remain.
/// </summary>
public sealed class SecretGroupKeys
{
    private readonly ISecretStore _store;
    private readonly string _item;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SenderKeyGroup _group;
    private HashSet<DeviceAddress> _holders;

    private SecretGroupKeys(ISecretStore store, string item, SenderKeyGroup group, HashSet<DeviceAddress> holders)
    {
        _store = store;
        _item = item;
        _group = group;
        _holders = holders;
    }

    public static async Task<SecretGroupKeys> Open(Guid conversationId, ISecretStore store)
    {
        var item = $"group/{conversationId:N}";
        var saved = await store.Read(item);
        if (saved is null)
        {
            var created = new SecretGroupKeys(store, item, SenderKeyGroup.Create(), []);
            await created.Save();
            return created;
        }
        var state = JsonSerializer.Deserialize<Saved>(saved)!;
        return new SecretGroupKeys(store, item, SenderKeyGroup.Import(state.Group), state.Holders.Select(DeviceAddress.Parse).ToHashSet());
    }

    /// <summary>
    /// Encrypts one message for the group: the shared ciphertext, and this device's chain as a distribution for each
    /// member device that does not hold it yet (to go through that device's pairwise session).
    /// </summary>
    public async Task<GroupSend> Encrypt(ReadOnlyMemory<byte> plaintext, IReadOnlyCollection<DeviceAddress> memberDevices)
    {
        await _gate.WaitAsync();
        try
        {
            var lacking = memberDevices.Where(d => !_holders.Contains(d)).ToList();
            var distribution = lacking.Count == 0 ? null : _group.Distribution();
            var ciphertext = _group.Encrypt(plaintext.Span);
            _holders.UnionWith(lacking);
            await Save();
            return new GroupSend(ciphertext, distribution, lacking);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Someone left or was removed: a new chain, held by no one yet, and the leaver's chains forgotten.</summary>
    public async Task Rotate(IEnumerable<DeviceAddress> departed)
    {
        await _gate.WaitAsync();
        try
        {
            _group.Rotate();
            _holders = [];
            foreach (var device in departed) _group.Forget(device.ToString());
            await Save();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Takes another member device's chain, received over the pairwise session with it.</summary>
    public async Task Accept(DeviceAddress sender, ReadOnlyMemory<byte> distribution)
    {
        await _gate.WaitAsync();
        try
        {
            _group.Accept(sender.ToString(), distribution.Span);
            await Save();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<byte[]> Decrypt(DeviceAddress sender, ReadOnlyMemory<byte> ciphertext)
    {
        await _gate.WaitAsync();
        try
        {
            var plaintext = _group.Decrypt(sender.ToString(), ciphertext.Span);
            await Save();
            return plaintext;
        }
        finally
        {
            _gate.Release();
        }
    }

    private Task Save() =>
        _store.Write(_item, JsonSerializer.SerializeToUtf8Bytes(new Saved(_group.Export(), [.. _holders.Select(h => h.ToString())])));

    private sealed record Saved(byte[] Group, List<string> Holders);
}

/// <summary>One group message as sent: the ciphertext for all, and the chain's distribution for the devices that lack it.</summary>
public sealed record GroupSend(byte[] Ciphertext, byte[]? Distribution, IReadOnlyList<DeviceAddress> NeedDistribution);
