namespace GoChat.GrainInterfaces;

/// <summary>
/// One user's passcode backup of their secret chats' history key (issue 17, item 5), keyed by user id. The key is
/// wrapped on the device under the passcode and a share the server computes in a PKCS#11 token; the share is released
/// only for a right passcode, and after <see cref="Limits.SecretBackupTries"/> wrong ones in a row the backup locks.
/// Every call is the user's own: the gateway passes the signed-in user, never a user named by the client.
/// </summary>
[Alias("gochat.ISecretBackupGrain")]
public interface ISecretBackupGrain : IGrainWithGuidKey
{
    [AlwaysInterleave, ReadOnly, Alias("Status")] Task<SecretBackupStatus> Status();

    /// <summary>The share of the next version, to wrap a new history key with. Stores nothing: <see cref="Complete"/> does.</summary>
    [Alias("BeginSetup")] Task<SecretBackupShare> BeginSetup();

    /// <summary>
    /// Stores a new backup, replacing any earlier one (a locked one too: a user who forgot the passcode starts again
    /// and loses what only the old key could read). SECRET_BACKUP_INVALID for a setup of another version or of bad
    /// sizes; nothing changes then.
    /// </summary>
    [Alias("Complete")] Task<SecretBackupStatus> Complete(SecretBackupSetup setup);

    /// <summary>
    /// Checks a proof derived from the passcode. Right: the share and the wrapped key, and the count of wrong tries
    /// starts again. Wrong: SECRET_PASSCODE_WRONG with the tries left, counted before the answer leaves. Locked, or
    /// the try that locks it: SECRET_BACKUP_LOCKED, whatever the proof.
    /// </summary>
    [Alias("Open")] Task<SecretBackupOpened> Open(int version, byte[] proof);
}
