using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using GoChat.Grains.Identity;

namespace GoChat.Grains.SecretBackup;

/// <summary>
/// A user's passcode backup (see <see cref="ISecretBackupGrain"/>). The share and the verifier are MACs of the vault's
/// token-held key over labelled messages naming the user and the version, so nothing here is stored that could test a
/// guess: the verifier of a guess needs the token too. The token itself counts nothing: this grain does, in the
/// database, before it answers.
/// </summary>
public sealed class SecretBackupGrain(SecretBackupStore store, IKeyShareVault vault, AuditStore audit, TimeProvider time) : Grain, ISecretBackupGrain
{
    private const int ProofBytes = 32, MinSalt = 16, MaxSalt = 64, MinWrapped = 12 + 32 + 16;

    private Guid User => this.GetPrimaryKey();

    public async Task<SecretBackupStatus> Status()
    {
        var row = await store.Load(User);
        return row is null
            ? new SecretBackupStatus(false, 0, null, 0, Limits.SecretBackupTries, null)
            : new SecretBackupStatus(true, row.Version, row.Salt, row.Iterations, Math.Max(0, Limits.SecretBackupTries - row.FailedAttempts), row.LockedAt);
    }

    public async Task<SecretBackupShare> BeginSetup()
    {
        RequireVault();
        var version = ((await store.Load(User))?.Version ?? 0) + 1;
        return new SecretBackupShare(version, await vault.Mac(Message("GoChat-Backup-Share-v1", version, [])));
    }

    public async Task<SecretBackupStatus> Complete(SecretBackupSetup setup)
    {
        RequireVault();
        var current = (await store.Load(User))?.Version ?? 0;
        if (setup.Version != current + 1) throw Invalid($"The backup being made is version {current + 1}; ask for its share again.");
        if (setup.Salt is not { Length: >= MinSalt and <= MaxSalt }) throw Invalid($"The salt must be {MinSalt} to {MaxSalt} bytes.");
        if (setup.Iterations is < Limits.MinSecretBackupIterations or > Limits.MaxSecretBackupIterations)
            throw Invalid($"The passcode must be stretched with {Limits.MinSecretBackupIterations:N0} to {Limits.MaxSecretBackupIterations:N0} PBKDF2 iterations.");
        if (setup.Proof is not { Length: ProofBytes }) throw Invalid($"The proof must be {ProofBytes} bytes.");
        if (setup.WrappedKey is not { Length: >= MinWrapped and <= Limits.MaxWrappedKeyBytes }) throw Invalid("The wrapped key has the wrong size.");

        var verifier = await vault.Mac(Message("GoChat-Backup-Verifier-v1", setup.Version, setup.Proof));
        if (!await store.Replace(User, setup, verifier, time.GetUtcNow()))
            throw Invalid("Another device made a backup meanwhile; ask for the share again.");
        await audit.Append(AuditActions.SecretBackupSetUp, null, User, User, $"version {setup.Version}");
        return await Status();
    }

    public async Task<SecretBackupOpened> Open(int version, byte[] proof)
    {
        RequireVault();
        var row = await store.Load(User);
        if (row is null || row.Version != version)
            throw new GoChatException(ErrorCodes.SecretBackupMissing, row is null ? "There is no backup to open." : $"The backup is now version {row.Version}.");
        if (row.LockedAt is not null) throw Locked();
        if (proof is not { Length: ProofBytes }) throw Invalid($"The proof must be {ProofBytes} bytes.");

        var expected = await vault.Mac(Message("GoChat-Backup-Verifier-v1", version, proof));
        if (CryptographicOperations.FixedTimeEquals(expected, row.Verifier))
        {
            if (!await store.ResetTries(User, version)) throw Locked();
            return new SecretBackupOpened(version, await vault.Mac(Message("GoChat-Backup-Share-v1", version, [])), row.WrappedKey);
        }

        // Counted before anything is answered: a caller that drops the connection on a wrong answer still spent the try.
        var counted = await store.CountWrongTry(User, version, Limits.SecretBackupTries, time.GetUtcNow()) ?? throw Locked();
        if (counted.LockedAt is not null)
        {
            await audit.Append(AuditActions.SecretBackupLocked, null, User, User, $"version {version}, {counted.Failed} wrong passcodes");
            throw Locked();
        }
        var left = Limits.SecretBackupTries - counted.Failed;
        throw new GoChatException(ErrorCodes.SecretPasscodeWrong, $"Wrong passcode: {left} {(left == 1 ? "try" : "tries")} left before the backup locks.");
    }

    private void RequireVault()
    {
        if (!vault.Available)
            throw new GoChatException(ErrorCodes.SecretBackupUnavailable, "Passcode backups are not set up on this server (no key token configured).");
    }

    /// <summary>label || user id (16 bytes) || u32 version || data: each MAC is bound to its purpose, its user and its version.</summary>
    private byte[] Message(string label, int version, byte[] data)
    {
        var message = new byte[label.Length + 16 + 4 + data.Length];
        Encoding.ASCII.GetBytes(label, message);
        User.TryWriteBytes(message.AsSpan(label.Length, 16), bigEndian: true, out _);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(label.Length + 16), (uint)version);
        data.CopyTo(message, label.Length + 20);
        return message;
    }

    private static GoChatException Invalid(string message) => new(ErrorCodes.SecretBackupInvalid, message);

    private static GoChatException Locked() =>
        new(ErrorCodes.SecretBackupLocked, $"{Limits.SecretBackupTries} wrong passcodes: this backup is locked. Make a new one; history only the old key could read is lost.");
}
