using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using Npgsql;

namespace GoChat.Grains.SecretBackup;

/// <summary>
/// <see cref="IKeyShareVault"/> on a PKCS#11 token through Pkcs11Interop: one logged-in session, used by one call at a
/// time (a PKCS#11 session is not for concurrent use, and backups are rare), on the thread pool rather than a grain's
/// thread since a network HSM answers in milliseconds. The key is looked up by label and, when the token has none,
/// made there: sensitive and not extractable, so the token computes MACs with it and never gives it out. Silos that
/// start together make it under one PostgreSQL advisory lock, so a token never holds two keys of one label.
/// </summary>
public sealed class Pkcs11KeyShareVault(IOptions<SecretBackupOptions> options, NpgsqlDataSource dataSource, ILogger<Pkcs11KeyShareVault> logger)
    : IKeyShareVault, IDisposable
{
    // An arbitrary, fixed advisory lock id for "the backup key is being made".
    private const long KeyCreationLock = 0x6763_6b65_7973_6861;

    // One loaded module per process: a second C_Initialize of the same module fails, and C_Finalize would end every
    // other session of the process (several silos share one process in the tests).
    private static readonly Dictionary<string, IPkcs11Library> Loaded = [];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private ISession? _session;
    private IObjectHandle? _key;

    public bool Available => options.Value.Enabled;

    public async Task<byte[]> Mac(byte[] message)
    {
        if (!Available) throw new InvalidOperationException("No PKCS#11 token is configured (SecretBackup:Pkcs11:Library).");
        await _gate.WaitAsync();
        try
        {
            if (_session is null) await Open();
            var session = _session!;
            var key = _key!;
            return await Task.Run(() =>
            {
                using var mechanism = session.Factories.MechanismFactory.Create(CKM.CKM_SHA256_HMAC);
                return session.Sign(mechanism, key, message);
            });
        }
        catch (Pkcs11Exception e)
        {
            // A token that went away (HSM restarted, session closed): open again on the next call.
            logger.LogError(e, "The PKCS#11 token refused a MAC ({Result}); the session is reopened on the next call", e.RV);
            Close();
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task Open()
    {
        var token = options.Value.Pkcs11;
        var slot = Library(token.Library!).GetSlotList(SlotsType.WithTokenPresent)
            .FirstOrDefault(s => s.GetTokenInfo().Label.Trim() == token.TokenLabel)
            ?? throw new InvalidOperationException($"No PKCS#11 token labelled '{token.TokenLabel}' in {token.Library}.");
        _session = slot.OpenSession(SessionType.ReadWrite);
        try
        {
            _session.Login(CKU.CKU_USER, token.UserPin);
        }
        catch (Pkcs11Exception e) when (e.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
        {
            // A login is the process's, not the session's: another vault of this process logged in already.
        }
        _key = FindKey(_session, token.KeyLabel);
        if (_key is not null) return;

        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({KeyCreationLock})", connection)) await take.ExecuteNonQueryAsync();
        try
        {
            _key = FindKey(_session, token.KeyLabel) ?? MakeKey(_session, token.KeyLabel);
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({KeyCreationLock})", connection);
            await release.ExecuteNonQueryAsync();
        }
    }

    private static IPkcs11Library Library(string path)
    {
        lock (Loaded)
        {
            if (Loaded.TryGetValue(path, out var loaded)) return loaded;
            if (Loaded.Count == 0) ResolveLibdl();
            var factories = new Pkcs11InteropFactories();
            return Loaded[path] = factories.Pkcs11LibraryFactory.LoadPkcs11Library(factories, path, AppType.MultiThreaded);
        }
    }

    /// <summary>
    /// Pkcs11Interop loads modules through "libdl", a name that resolves only where the C library's development
    /// symlink (libdl.so) is installed; glibc itself ships libdl.so.2 (since 2.34 a stub over libc). Map the name to it.
    /// </summary>
    private static void ResolveLibdl() =>
        NativeLibrary.SetDllImportResolver(typeof(Pkcs11InteropFactories).Assembly, (name, _, _) =>
            name == "libdl" && NativeLibrary.TryLoad("libdl.so.2", out var handle) ? handle : IntPtr.Zero);

    private static IObjectHandle? FindKey(ISession session, string label)
    {
        var attributes = session.Factories.ObjectAttributeFactory;
        var found = session.FindAllObjects([
            attributes.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY),
            attributes.Create(CKA.CKA_LABEL, label),
        ]);
        return found.Count == 0 ? null : found[0];
    }

    private IObjectHandle MakeKey(ISession session, string label)
    {
        var attributes = session.Factories.ObjectAttributeFactory;
        using var mechanism = session.Factories.MechanismFactory.Create(CKM.CKM_GENERIC_SECRET_KEY_GEN);
        var key = session.GenerateKey(mechanism, [
            attributes.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY),
            attributes.Create(CKA.CKA_KEY_TYPE, CKK.CKK_GENERIC_SECRET),
            attributes.Create(CKA.CKA_VALUE_LEN, 32),
            attributes.Create(CKA.CKA_LABEL, label),
            attributes.Create(CKA.CKA_TOKEN, true),
            attributes.Create(CKA.CKA_PRIVATE, true),
            attributes.Create(CKA.CKA_SENSITIVE, true),
            attributes.Create(CKA.CKA_EXTRACTABLE, false),
            attributes.Create(CKA.CKA_SIGN, true),
            attributes.Create(CKA.CKA_VERIFY, true),
        ]);
        logger.LogInformation("Made the passcode backups' HMAC key '{Label}' in the PKCS#11 token", label);
        return key;
    }

    private void Close()
    {
        try
        {
            _session?.Dispose();
        }
        catch (Pkcs11Exception)
        {
            // Already gone.
        }
        _session = null;
        _key = null;
    }

    public void Dispose()
    {
        Close();
        _gate.Dispose();
    }
}
