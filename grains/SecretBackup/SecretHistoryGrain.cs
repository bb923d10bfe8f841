namespace GoChat.Grains.SecretBackup;

/// <summary>
/// A user's encrypted secret-chat history (see <see cref="ISecretHistoryGrain"/>). A batch is checked whole before any
/// of it is stored: a bad entry, or a chat the user is not in, refuses the batch and changes nothing.
/// </summary>
public sealed class SecretHistoryGrain(SecretHistoryStore store) : Grain, ISecretHistoryGrain
{
    // AES-GCM's nonce and tag: the least a blob can be.
    private const int MinBlob = 12 + 16;

    private Guid User => this.GetPrimaryKey();

    public async Task Save(IReadOnlyList<SecretHistoryEntry> entries)
    {
        if (entries is not { Count: > 0 and <= Limits.MaxSecretHistoryBatch })
            throw Invalid($"Save 1 to {Limits.MaxSecretHistoryBatch} entries at a time.");
        foreach (var entry in entries)
        {
            if (entry.Seq < 1) throw Invalid("An entry's seq starts at 1.");
            if (entry.Blob is not { Length: >= MinBlob and <= Limits.MaxSecretHistoryBlobBytes })
                throw Invalid($"An entry is {MinBlob} to {Limits.MaxSecretHistoryBlobBytes} bytes.");
        }
        var chats = entries.Select(e => e.ConversationId).Distinct().ToArray();
        if (await store.ChatsOf(User, chats) != chats.Length)
            throw new GoChatException(ErrorCodes.ConversationNotFound, "History is saved only for chats you are in.");
        await store.Save(User, entries);
    }

    public async Task<IReadOnlyList<SecretHistoryEntry>> Read(Guid conversationId, long afterSeq, int limit)
    {
        if (limit is < 1 or > Limits.MaxSecretHistoryPage) throw Invalid($"Read 1 to {Limits.MaxSecretHistoryPage} entries at a time.");
        if (afterSeq < 0) throw Invalid("afterSeq is 0 or more.");
        // As with a chat's history: a chat the user is not in looks missing, whether or not it exists.
        if (await store.ChatsOf(User, [conversationId]) != 1)
            throw new GoChatException(ErrorCodes.ConversationNotFound, "No such conversation.");
        return await store.Read(User, conversationId, afterSeq, limit);
    }

    private static GoChatException Invalid(string message) => new(ErrorCodes.SecretHistoryInvalid, message);
}
