using System.Text.Json;
using GoChat.Secret.Keys;
using GoChat.Secret.Wire;

namespace GoChat.Secret.Devices;

/// <summary>
/// A device's private prekeys: its signed prekey (with the previous one kept, so messages sent against it just
/// before a rotation still open), its unused one-time prekeys and its last-resort prekey. The public halves go to
/// the key directory; this object stays on the device and is saved with <see cref="Export"/>.
/// </summary>
public sealed class DevicePreKeys
{
    /// <summary>How many base keys of accepted prekey messages are remembered to refuse a replayed one.</summary>
    public const int RememberedBaseKeys = 1000;

    private readonly State _state;
    private readonly IEntropySource _entropy;

    private DevicePreKeys(State state, IEntropySource entropy)
    {
        _state = state;
        _entropy = entropy;
    }

    public SignedPreKey CurrentSignedPreKey => _state.SignedPreKeys[^1].ToSignedPreKey();

    public LastResortPreKey LastResortPreKey => _state.LastResort.ToLastResortPreKey();

    public int OneTimePreKeyCount => _state.OneTimePreKeys.Count;

    public IReadOnlyList<OneTimePreKey> OneTimePreKeys =>
        _state.OneTimePreKeys.Select(k => new OneTimePreKey(k.Id, k.PublicKey)).ToList();

    public static DevicePreKeys Create(DeviceIdentity identity, int oneTimePreKeys, IEntropySource? entropy = null)
    {
        entropy ??= SystemEntropy.Instance;
        var state = new State { NextSignedPreKeyId = 1, NextOneTimePreKeyId = 1 };
        var preKeys = new DevicePreKeys(state, entropy);
        preKeys.RotateSignedPreKey(identity);
        preKeys.RotateLastResortPreKey(identity);
        preKeys.AddOneTimePreKeys(oneTimePreKeys);
        return preKeys;
    }

    /// <summary>New one-time prekeys to upload when the directory says the device is running low.</summary>
    public IReadOnlyList<OneTimePreKey> AddOneTimePreKeys(int count)
    {
        var added = new List<OneTimePreKey>(count);
        for (var i = 0; i < count; i++)
        {
            var key = StoredKey.Generate(_state.NextOneTimePreKeyId++, _entropy, sign: null);
            _state.OneTimePreKeys.Add(key);
            added.Add(new OneTimePreKey(key.Id, key.PublicKey));
        }
        return added;
    }

    /// <summary>A new signed prekey; the one before stays usable until the next rotation.</summary>
    public SignedPreKey RotateSignedPreKey(DeviceIdentity identity)
    {
        var id = _state.NextSignedPreKeyId++;
        var key = StoredKey.Generate(id, _entropy,
            publicKey => identity.Signing.Sign(PreKeySignatures.SignedPreKeyMessage(id, publicKey)));
        _state.SignedPreKeys.Add(key);
        if (_state.SignedPreKeys.Count > 2)
            _state.SignedPreKeys.RemoveAt(0);
        return key.ToSignedPreKey();
    }

    /// <summary>Replaces the last-resort prekey; its id is the signed-prekey counter's, so ids never collide.</summary>
    public LastResortPreKey RotateLastResortPreKey(DeviceIdentity identity)
    {
        var id = _state.NextSignedPreKeyId++;
        _state.LastResort = StoredKey.Generate(id, _entropy,
            publicKey => identity.Signing.Sign(PreKeySignatures.LastResortMessage(id, publicKey)));
        return _state.LastResort.ToLastResortPreKey();
    }

    /// <summary>A bundle as the directory would serve it, taking a one-time key if there is one (tests, tools).</summary>
    public PreKeyBundle Bundle(DeviceIdentity identity, bool withOneTimePreKey = true)
    {
        var oneTime = withOneTimePreKey && _state.OneTimePreKeys.Count > 0 ? _state.OneTimePreKeys[0] : null;
        return new PreKeyBundle(identity.PublicKeys, CurrentSignedPreKey,
            oneTime is null ? null : new OneTimePreKey(oneTime.Id, oneTime.PublicKey),
            oneTime is null ? LastResortPreKey : null);
    }

    public byte[] Export() => JsonSerializer.SerializeToUtf8Bytes(_state);

    public static DevicePreKeys Import(ReadOnlySpan<byte> saved, IEntropySource? entropy = null) =>
        new(StateJson.Read<State>(saved), entropy ?? SystemEntropy.Instance);

    internal AgreementKeyPair FindSignedPreKey(uint id) =>
        _state.SignedPreKeys.FirstOrDefault(k => k.Id == id)?.ToKeyPair()
        ?? throw new SecretException(SecretError.UnknownPreKey);

    internal AgreementKeyPair? FindOneTimeKey(OneTimeKeyKind kind, uint id) => kind switch
    {
        OneTimeKeyKind.None => null,
        OneTimeKeyKind.OneTime => _state.OneTimePreKeys.FirstOrDefault(k => k.Id == id)?.ToKeyPair()
                                  ?? throw new SecretException(SecretError.UnknownPreKey),
        _ => _state.LastResort.Id == id
            ? _state.LastResort.ToKeyPair()
            : throw new SecretException(SecretError.UnknownPreKey),
    };

    internal bool HasSeenBaseKey(byte[] baseKey) => _state.SeenBaseKeys.Any(k => k.AsSpan().SequenceEqual(baseKey));

    /// <summary>
    /// Called only after the first message decrypted, so a forged prekey message cannot burn a one-time key.
    /// The base key is remembered because a last-resort or no-one-time-key message could otherwise be replayed.
    /// </summary>
    internal void Consume(OneTimeKeyKind kind, uint id, byte[] baseKey)
    {
        if (kind == OneTimeKeyKind.OneTime)
            _state.OneTimePreKeys.RemoveAll(k => k.Id == id);
        _state.SeenBaseKeys.Add(baseKey);
        if (_state.SeenBaseKeys.Count > RememberedBaseKeys)
            _state.SeenBaseKeys.RemoveAt(0);
    }

    private sealed class State
    {
        public uint NextSignedPreKeyId { get; set; }
        public uint NextOneTimePreKeyId { get; set; }
        public List<StoredKey> SignedPreKeys { get; set; } = [];
        public List<StoredKey> OneTimePreKeys { get; set; } = [];
        public StoredKey LastResort { get; set; } = null!;
        public List<byte[]> SeenBaseKeys { get; set; } = [];
    }

    private sealed record StoredKey(uint Id, byte[] PrivateKey, byte[] PublicKey, byte[]? Signature)
    {
        public static StoredKey Generate(uint id, IEntropySource entropy, Func<byte[], byte[]>? sign)
        {
            using var pair = AgreementKeyPair.Generate(entropy);
            return new StoredKey(id, pair.ExportPrivateScalar(), pair.PublicKey, sign?.Invoke(pair.PublicKey));
        }

        public AgreementKeyPair ToKeyPair() => AgreementKeyPair.FromPrivateScalar(PrivateKey);

        public SignedPreKey ToSignedPreKey() => new(Id, PublicKey, Signature!);

        public LastResortPreKey ToLastResortPreKey() => new(Id, PublicKey, Signature!);
    }
}
