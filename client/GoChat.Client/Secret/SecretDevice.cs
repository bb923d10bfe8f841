using System.Text.Json;
using GoChat.Secret;
using GoChat.Secret.Devices;
using GoChat.Secret.Keys;
using GoChat.Secret.Sessions;
using GoChat.Secret.Wire;

namespace GoChat.Client.Secret;

/// <summary>
/// This device's side of secret chats: its identity and prekeys, and a pairwise session with every device it talks to.
/// It decides which session a message belongs to (a repeated prekey message, a new one, or a ratchet message of a
/// session kept from before) and writes each change to the store before the plaintext is handed back, so a crash
/// never leaves a key used but not remembered as used.
/// </summary>
/// <remarks>
/// Up to <see cref="SessionsPerDevice"/> sessions are kept per remote device, newest first. Two devices that start a
/// session with each other at the same moment each accept the other's, and both sessions carry messages for a while;
/// a message opened by an older session brings it to the front, so both sides settle on one (Signal does the same).
/// </remarks>
public sealed class SecretDevice : IDisposable
{
    public const int SessionsPerDevice = 3;
    public const int DefaultOneTimePreKeys = 100;

    private const string IdentityItem = "identity", PreKeysItem = "prekeys";

    private readonly ISecretStore _store;
    private readonly DeviceIdentity _identity;
    private readonly DevicePreKeys _preKeys;
    private readonly IEntropySource? _entropy;
    private readonly Dictionary<DeviceAddress, List<RatchetSession>> _sessions = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    private SecretDevice(DeviceAddress address, ISecretStore store, DeviceIdentity identity, DevicePreKeys preKeys, IEntropySource? entropy)
    {
        Address = address;
        _store = store;
        _identity = identity;
        _preKeys = preKeys;
        _entropy = entropy;
    }

    public DeviceAddress Address { get; }

    public IdentityKeys PublicKeys => _identity.PublicKeys;

    public int OneTimePreKeyCount => _preKeys.OneTimePreKeyCount;

    /// <summary>Opens the device kept in the store, or makes one (identity, signed and last-resort prekeys, one-time keys) and keeps it there.</summary>
    public static async Task<SecretDevice> Open(DeviceAddress address, ISecretStore store, int oneTimePreKeys = DefaultOneTimePreKeys, IEntropySource? entropy = null)
    {
        var savedIdentity = await store.Read(IdentityItem);
        var savedPreKeys = await store.Read(PreKeysItem);
        if (savedIdentity is not null && savedPreKeys is not null)
            return new SecretDevice(address, store, DeviceIdentity.Import(savedIdentity), DevicePreKeys.Import(savedPreKeys, entropy), entropy);

        var identity = DeviceIdentity.Generate(entropy);
        var preKeys = DevicePreKeys.Create(identity, oneTimePreKeys, entropy);
        // Prekeys before identity: an identity on disk always has its prekeys beside it.
        await store.Write(PreKeysItem, preKeys.Export());
        await store.Write(IdentityItem, identity.Export());
        return new SecretDevice(address, store, identity, preKeys, entropy);
    }

    /// <summary>What the key directory publishes for this device: every public half, one-time keys included.</summary>
    public PublishedKeys Published() =>
        new(_identity.PublicKeys, _preKeys.CurrentSignedPreKey, _preKeys.LastResortPreKey, _preKeys.OneTimePreKeys);

    /// <summary>Makes more one-time prekeys (the directory said few are left) and returns their public halves to publish.</summary>
    public async Task<IReadOnlyList<OneTimePreKey>> AddOneTimePreKeys(int count)
    {
        await _gate.WaitAsync();
        try
        {
            var added = _preKeys.AddOneTimePreKeys(count);
            await _store.Write(PreKeysItem, _preKeys.Export());
            return added;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Makes a new signed prekey (the previous one is kept to open messages already on their way).</summary>
    public async Task<SignedPreKey> RotateSignedPreKey()
    {
        await _gate.WaitAsync();
        try
        {
            var rotated = _preKeys.RotateSignedPreKey(_identity);
            await _store.Write(PreKeysItem, _preKeys.Export());
            return rotated;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> HasSession(DeviceAddress remote)
    {
        await _gate.WaitAsync();
        try
        {
            return (await Sessions(remote)).Count > 0;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The identity keys the newest session with that device was made with, or null when there is none.</summary>
    public async Task<IdentityKeys?> RemoteIdentity(DeviceAddress remote)
    {
        await _gate.WaitAsync();
        try
        {
            var sessions = await Sessions(remote);
            return sessions.Count == 0 ? null : sessions[0].RemoteIdentity;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Encrypts for one device: with the newest session, or, with none, a new one from the bundle the directory handed
    /// out for it (verified first). Without a session and without a bundle it is <see cref="SecretError.InvalidState"/>.
    /// </summary>
    public async Task<byte[]> Encrypt(DeviceAddress remote, ReadOnlyMemory<byte> plaintext, PreKeyBundle? bundle = null)
    {
        await _gate.WaitAsync();
        try
        {
            var sessions = await Sessions(remote);
            if (sessions.Count == 0)
            {
                if (bundle is null) throw new SecretException(SecretError.InvalidState);
                sessions.Insert(0, RatchetSession.Initiate(_identity, bundle, _entropy));
            }
            var bytes = sessions[0].Encrypt(plaintext.Span);
            await SaveSessions(remote, sessions);
            return bytes;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Opens a message from one device. A refused message (forged, tampered, replayed, for a key not held) throws
    /// <see cref="SecretException"/> and changes nothing kept.
    /// </summary>
    public async Task<Decrypted> Decrypt(DeviceAddress remote, ReadOnlyMemory<byte> bytes)
    {
        await _gate.WaitAsync();
        try
        {
            var sessions = await Sessions(remote);
            var previous = sessions.Count == 0 ? null : sessions[0].RemoteIdentity;
            byte[] plaintext;
            if (WireFormat.PeekType(bytes.Span) == MessageType.PreKey && !sessions.Any(s => s.IsContinuedBy(bytes.Span)))
            {
                var accepted = RatchetSession.Accept(_identity, _preKeys, bytes.Span, _entropy);
                sessions.Insert(0, accepted.Session);
                if (sessions.Count > SessionsPerDevice) sessions.RemoveRange(SessionsPerDevice, sessions.Count - SessionsPerDevice);
                plaintext = accepted.Plaintext;
                // The prekeys changed too (a one-time key used, a base key remembered): kept before the plaintext is out.
                await _store.Write(PreKeysItem, _preKeys.Export());
            }
            else
            {
                plaintext = OpenWithAny(sessions, bytes.Span);
            }
            await SaveSessions(remote, sessions);
            var changed = previous is not null && !previous.SameAs(sessions[0].RemoteIdentity);
            return new Decrypted(plaintext, sessions[0].RemoteIdentity, changed);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The number both people compare to know no one sits between their devices.</summary>
    public static SafetyNumber SafetyNumberWith(Guid localUser, IdentityKeys local, Guid remoteUser, IdentityKeys remote) =>
        SafetyNumber.Compute(localUser.ToString("N"), local.SigningKey, remoteUser.ToString("N"), remote.SigningKey);

    public void Dispose()
    {
        _identity.Dispose();
        _gate.Dispose();
    }

    private static byte[] OpenWithAny(List<RatchetSession> sessions, ReadOnlySpan<byte> bytes)
    {
        if (sessions.Count == 0) throw new SecretException(SecretError.InvalidState);
        SecretException? first = null;
        for (var i = 0; i < sessions.Count; i++)
        {
            try
            {
                var plaintext = sessions[i].Decrypt(bytes);
                if (i > 0)
                {
                    var used = sessions[i];
                    sessions.RemoveAt(i);
                    sessions.Insert(0, used);
                }
                return plaintext;
            }
            catch (SecretException e)
            {
                // The newest session's reason is the one that counts; older ones are only tried.
                first ??= e;
            }
        }
        throw first!;
    }

    private async Task<List<RatchetSession>> Sessions(DeviceAddress remote)
    {
        if (_sessions.TryGetValue(remote, out var held)) return held;
        var saved = await _store.Read(SessionItem(remote));
        var sessions = saved is null
            ? []
            : JsonSerializer.Deserialize<List<byte[]>>(saved)!.Select(s => RatchetSession.Import(s, _entropy)).ToList();
        _sessions[remote] = sessions;
        return sessions;
    }

    private Task SaveSessions(DeviceAddress remote, List<RatchetSession> sessions) =>
        _store.Write(SessionItem(remote), JsonSerializer.SerializeToUtf8Bytes(sessions.Select(s => s.Export()).ToList()));

    private static string SessionItem(DeviceAddress remote) => $"session/{remote}";
}

/// <summary>The public halves a device publishes to the key directory.</summary>
public sealed record PublishedKeys(IdentityKeys Identity, SignedPreKey SignedPreKey, LastResortPreKey LastResortPreKey, IReadOnlyList<OneTimePreKey> OneTimePreKeys);

/// <summary>An opened message: its plaintext, the sender device's identity keys, and whether they differ from the ones its previous session had.</summary>
public sealed record Decrypted(byte[] Plaintext, IdentityKeys SenderIdentity, bool IdentityChanged);
