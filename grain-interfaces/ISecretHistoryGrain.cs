namespace GoChat.GrainInterfaces;

/// <summary>
/// One user's encrypted history of secret chats, keyed by user id: what their devices decrypted, re-encrypted under
/// their history key. The server stores and hands back blobs it cannot read; only secret chats the user is in count.
/// </summary>
[Alias("gochat.ISecretHistoryGrain")]
public interface ISecretHistoryGrain : IGrainWithGuidKey
{
    /// <summary>Idempotent per (chat, seq): a second device saving the same message replaces the blob.</summary>
    [Alias("Save")] Task Save(IReadOnlyList<SecretHistoryEntry> entries);

    /// <summary>A chat's saved entries after <paramref name="afterSeq"/>, oldest first, at most <paramref name="limit"/>; CONVERSATION_NOT_FOUND for a chat the user is not in.</summary>
    [AlwaysInterleave, ReadOnly, Alias("Read")] Task<IReadOnlyList<SecretHistoryEntry>> Read(Guid conversationId, long afterSeq, int limit);
}
