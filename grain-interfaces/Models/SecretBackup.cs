namespace GoChat.GrainInterfaces.Models;

/// <summary>
/// Where a user's passcode backup of their history key stands: what a device needs to stretch the passcode (salt,
/// iterations), and how many wrong tries are left before it locks. Never the share or the wrapped key: those come only
/// with a right passcode.
/// </summary>
[GenerateSerializer, Immutable, Alias("gochat.secret-backup-status")]
public sealed record SecretBackupStatus(
    [property: Id(0)] bool Exists,
    [property: Id(1)] int Version,
    [property: Id(2)] byte[]? Salt,
    [property: Id(3)] int Iterations,
    [property: Id(4)] int TriesLeft,
    [property: Id(5)] DateTimeOffset? LockedAt);

/// <summary>
/// A new backup: the salt and iterations the device stretched the passcode with, the proof it derived from it (what
/// the server checks later, never the passcode), and the history key wrapped under the passcode and the share. The
/// device asked for the share first (<c>BeginSetup</c>) to wrap the key with it.
/// </summary>
[GenerateSerializer, Immutable, Alias("gochat.secret-backup-setup")]
public sealed record SecretBackupSetup(
    [property: Id(0)] int Version,
    [property: Id(1)] byte[] Salt,
    [property: Id(2)] int Iterations,
    [property: Id(3)] byte[] Proof,
    [property: Id(4)] byte[] WrappedKey);

/// <summary>What a right passcode releases: the share of that version and the wrapped history key.</summary>
[GenerateSerializer, Immutable, Alias("gochat.secret-backup-opened")]
public sealed record SecretBackupOpened(
    [property: Id(0)] int Version,
    [property: Id(1)] byte[] Share,
    [property: Id(2)] byte[] WrappedKey);

/// <summary>The share for a backup about to be made, and the version it belongs to.</summary>
[GenerateSerializer, Immutable, Alias("gochat.secret-backup-share")]
public sealed record SecretBackupShare(
    [property: Id(0)] int Version,
    [property: Id(1)] byte[] Share);

/// <summary>One message of a secret chat as a device re-encrypted it under the user's history key: opaque to the server.</summary>
[GenerateSerializer, Immutable, Alias("gochat.secret-history-entry")]
public sealed record SecretHistoryEntry(
    [property: Id(0)] Guid ConversationId,
    [property: Id(1)] long Seq,
    [property: Id(2)] byte[] Blob);
