using System.Text.Json;
using GoChat.Secret.Keys;
using GoChat.Secret.Wire;

namespace GoChat.Secret.Groups;

/// <summary>
/// One device's sender keys for one secret group: its own sending chain and the chains it was given by the other
/// member devices, keyed by the sender's device address (the caller's "user/device" string, taken from the
/// envelope, never from the ciphertext). Distributions travel over the pairwise <c>RatchetSession</c>s.
/// </summary>
public sealed class SenderKeyGroup
{
    /// <summary>Chains kept per sender: its current one and the one before, for messages sent just before a rotation.</summary>
    public const int ChainsPerSender = 2;

    private readonly State _state;
    private readonly IEntropySource _entropy;

    private SenderKeyGroup(State state, IEntropySource entropy)
    {
        _state = state;
        _entropy = entropy;
    }

    /// <summary>The own chain's id (16 bytes), as it appears in this device's group messages.</summary>
    public byte[] ChainId => _state.Own.ChainId.ToArray();

    public static SenderKeyGroup Create(IEntropySource? entropy = null)
    {
        entropy ??= SystemEntropy.Instance;
        return new SenderKeyGroup(new State { Own = SenderKeyChain.Create(entropy) }, entropy);
    }

    /// <summary>The own chain as a distribution message, to send to each member device over its pairwise session.</summary>
    public byte[] Distribution() => WireFormat.Encode(_state.Own.Distribution());

    /// <summary>
    /// Starts over with a new chain and returns its distribution. Call it when anyone leaves or is removed, and
    /// send the result only to the members who remain: the one who left holds the old chain, not this one.
    /// </summary>
    public byte[] Rotate()
    {
        _state.Own = SenderKeyChain.Create(_entropy);
        return Distribution();
    }

    /// <summary>Takes another member device's chain (first, or after its rotation).</summary>
    public void Accept(string senderDevice, ReadOnlySpan<byte> distribution)
    {
        var receiver = SenderKeyReceiver.From(WireFormat.DecodeSenderKeyDistribution(distribution));
        var chains = _state.Received.TryGetValue(senderDevice, out var existing) ? existing : [];
        // A chain already held is kept as it is: taking it again would rewind it and reopen used message keys.
        if (chains.Any(c => c.ChainId.AsSpan().SequenceEqual(receiver.ChainId)))
            return;
        chains.Add(receiver);
        if (chains.Count > ChainsPerSender)
            chains.RemoveAt(0);
        _state.Received[senderDevice] = chains;
    }

    /// <summary>Drops a departed member device's chains, so nothing it sends later is shown.</summary>
    public void Forget(string senderDevice) => _state.Received.Remove(senderDevice);

    public byte[] Encrypt(ReadOnlySpan<byte> plaintext) => WireFormat.Encode(_state.Own.Encrypt(plaintext));

    public byte[] Decrypt(string senderDevice, ReadOnlySpan<byte> bytes)
    {
        var message = WireFormat.DecodeSenderKey(bytes);
        var receiver = _state.Received.TryGetValue(senderDevice, out var chains)
            ? chains.FirstOrDefault(c => c.ChainId.AsSpan().SequenceEqual(message.ChainId))
            : null;
        return (receiver ?? throw new SecretException(SecretError.UnknownChain)).Decrypt(message);
    }

    /// <summary>The group's keys, private ones included, as UTF-8 JSON for the client's encrypted store.</summary>
    public byte[] Export() => JsonSerializer.SerializeToUtf8Bytes(_state);

    public static SenderKeyGroup Import(ReadOnlySpan<byte> saved, IEntropySource? entropy = null) =>
        new(StateJson.Read<State>(saved), entropy ?? SystemEntropy.Instance);

    internal SenderKeyChain OwnChain => _state.Own;

    internal SenderKeyReceiver? ReceivedChain(string senderDevice) =>
        _state.Received.TryGetValue(senderDevice, out var chains) ? chains[^1] : null;

    private sealed class State
    {
        public SenderKeyChain Own { get; set; } = null!;
        public Dictionary<string, List<SenderKeyReceiver>> Received { get; set; } = [];
    }
}
