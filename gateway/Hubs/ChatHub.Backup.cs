using GoChat.GrainInterfaces;
using GoChat.Gateway.RateLimiting;

namespace GoChat.Gateway.Hubs;

/// <summary>
/// Secret chats' history that never locks (issue 17, item 5): the passcode backup of the caller's history key and the
/// encrypted history their devices keep. Every call is about the signed-in user; none names another.
/// </summary>
public sealed partial class ChatHub
{
    /// <summary>Whether a backup exists, what a device stretches the passcode with, how many tries are left.</summary>
    [RetryOnFailover]
    public Task<SecretBackupStatus> GetSecretBackup() => grains.GetGrain<ISecretBackupGrain>(Me).Status();

    /// <summary>The share to wrap a new history key with (a new backup replaces the old one once completed).</summary>
    [RateLimited(nameof(RateLimiters.Sends))]
    public Task<SecretBackupShare> BeginSecretBackup() => grains.GetGrain<ISecretBackupGrain>(Me).BeginSetup();

    [RateLimited(nameof(RateLimiters.Sends))]
    public Task<SecretBackupStatus> CompleteSecretBackup(SecretBackupSetupInput input)
    {
        if (input is null) throw GoChatException.Invalid("A backup setup is required.");
        return grains.GetGrain<ISecretBackupGrain>(Me).Complete(
            new SecretBackupSetup(input.Version, input.Salt ?? [], input.Iterations, input.Proof ?? [], input.WrappedKey ?? []));
    }

    /// <summary>
    /// A proof of the passcode for the share and the wrapped key. Not retried on failover: a try must be counted once,
    /// and the caller sees the count in the answer. Rate-limited beside the ten-try lock.
    /// </summary>
    [RateLimited(nameof(RateLimiters.CodeRequests))]
    public Task<SecretBackupOpened> OpenSecretBackup(int version, byte[] proof) =>
        grains.GetGrain<ISecretBackupGrain>(Me).Open(version, proof ?? []);

    /// <summary>What this device decrypted, under the history key, for the user's other and future devices.</summary>
    [RetryOnFailover]
    [RateLimited(nameof(RateLimiters.Sends))]
    public Task SaveSecretHistory(SecretHistoryEntryInput[] entries)
    {
        if (entries is null || entries.Any(e => e is null)) throw GoChatException.Invalid("History entries are required.");
        var parsed = entries.Select(e => new SecretHistoryEntry(Ids.Parse(e.ConversationId, "conversationId"), e.Seq, e.Blob ?? [])).ToList();
        return grains.GetGrain<ISecretHistoryGrain>(Me).Save(parsed);
    }

    [RetryOnFailover]
    public Task<IReadOnlyList<SecretHistoryEntry>> ReadSecretHistory(string conversationId, long afterSeq, int limit) =>
        grains.GetGrain<ISecretHistoryGrain>(Me).Read(Ids.Parse(conversationId, "conversationId"), afterSeq, limit);
}
