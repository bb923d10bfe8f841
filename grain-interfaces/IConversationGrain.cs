namespace GoChat.GrainInterfaces;

/// <summary>
/// One conversation (one-to-one or group), keyed by conversation id. Every call names the acting user,
/// already authenticated by the gateway; the grain enforces membership and roles.
/// </summary>
[Alias("gochat.IConversationGrain")]
public interface IConversationGrain : IGrainWithGuidKey
{
    /// <summary>Idempotent: the key of a direct conversation is derived from the pair (see <see cref="ConversationIds.Direct"/>).</summary>
    [Alias("CreateDirect")] Task<ConversationInfo> CreateDirect(Guid userA, Guid userB);

    [Alias("CreateGroup")] Task<ConversationInfo> CreateGroup(Guid owner, string name, IReadOnlyList<Guid> members);

    [Alias("GetInfo")] Task<ConversationInfo> GetInfo(Guid requester);

    [Alias("AddMembers")] Task<ConversationInfo> AddMembers(Guid actor, IReadOnlyList<Guid> users);

    [Alias("RemoveMember")] Task RemoveMember(Guid actor, Guid user);

    [Alias("Leave")] Task Leave(Guid user);

    [Alias("Rename")] Task Rename(Guid actor, string name);

    /// <summary>A group admin sets the description (blank removes it); every member sees a system entry.</summary>
    [Alias("SetDescription")] Task SetDescription(Guid actor, string? description);

    /// <summary>A group admin sets the group photo: checked and re-encoded like a profile picture.</summary>
    [Alias("SetPhoto")] Task<ConversationInfo> SetPhoto(Guid actor, string contentType, byte[] data);

    [Alias("RemovePhoto")] Task<ConversationInfo> RemovePhoto(Guid actor);

    /// <summary>The group photo, for members only; null when there is none.</summary>
    [Alias("GetPhoto")] Task<ProfilePhoto?> GetPhoto(Guid requester);

    [Alias("SetRole")] Task SetRole(Guid actor, Guid user, MemberRole role);

    /// <summary>
    /// Interleaves with other sends: seqs are assigned in call order, several appends are in flight
    /// at once, and the ack comes only after the entry is durable.
    /// </summary>
    [AlwaysInterleave, Alias("Send")] Task<SendAck> Send(Guid sender, SendMessageRequest request);

    [AlwaysInterleave, Alias("Edit")] Task<SendAck> Edit(Guid sender, long seq, string text, string clientMessageId);

    [AlwaysInterleave, Alias("Delete")] Task<SendAck> Delete(Guid sender, long seq, string clientMessageId);

    /// <summary>
    /// Adds or takes off the member's emoji on a text they may read: a ReactionAdded or ReactionRemoved entry, delivered
    /// like an edit. Asking for what already is changes nothing and answers seq 0. MESSAGE_NOT_FOUND for no such live
    /// text, INVALID_REACTION for anything but one emoji, TOO_MANY_REACTIONS past <see cref="Limits.MaxReactionsPerUser"/>.
    /// </summary>
    [AlwaysInterleave, Alias("React")] Task<SendAck> React(Guid user, long seq, string emoji, bool add);

    /// <summary>One live text the requester may read, as it reads now (after edits): for forwarding and stars.</summary>
    [AlwaysInterleave, ReadOnly, Alias("GetMessage")] Task<ChatMessage> GetMessage(Guid requester, long seq);

    /// <summary>
    /// Where one attachment of a message the requester may read is stored, for the gateway's download route; checked on
    /// every download, so a member who left loses access even with a link in hand. ATTACHMENT_NOT_FOUND otherwise.
    /// </summary>
    [AlwaysInterleave, ReadOnly, Alias("GetDownload")] Task<FileDownload> GetDownload(Guid requester, long seq, Guid blobId, FileVariant variant);

    /// <summary>Entries with seq in (afterSeq, afterSeq + limit], oldest first, clamped to what the member may read.</summary>
    [AlwaysInterleave, ReadOnly, Alias("GetAfter")] Task<IReadOnlyList<ChatMessage>> GetAfter(Guid requester, long afterSeq, int limit);

    /// <summary>
    /// For gateways filling a gap in live delivery: entries after afterSeq, unfiltered. Gateways decide per
    /// connection what it may receive; this is never exposed to clients.
    /// </summary>
    [AlwaysInterleave, ReadOnly, Alias("ReadForDelivery")] Task<IReadOnlyList<ChatMessage>> ReadForDelivery(long afterSeq, int limit);

    /// <summary>Up to limit entries with seq below beforeSeq, oldest first: paging back through history.</summary>
    [AlwaysInterleave, ReadOnly, Alias("GetBefore")] Task<IReadOnlyList<ChatMessage>> GetBefore(Guid requester, long beforeSeq, int limit);

    /// <summary>
    /// For gateways: live events of this conversation go to the observer from now on, until it unsubscribes
    /// or stops renewing within the lease (<see cref="LeaseOptions"/>) (subscribing again renews). Returns the last
    /// published seq: every later entry reaches the observer, or shows there as a gap. Never exposed to clients.
    /// </summary>
    [AlwaysInterleave, Alias("Subscribe")] Task<long> Subscribe(IConversationObserver observer);

    [OneWay, AlwaysInterleave, Alias("Unsubscribe")] Task Unsubscribe(IConversationObserver observer);


    /// <summary>Moves the member's delivered and read cursors forward (never back).</summary>
    [OneWay, AlwaysInterleave, Alias("UpdateCursors")] Task UpdateCursors(Guid user, long deliveredSeq, long readSeq, bool sharesReadReceipts);

    /// <summary>
    /// Who received and who read one of the requester's own messages (MESSAGE_NOT_FOUND for no such message, FORBIDDEN
    /// for someone else's), as far as read receipts are shared.
    /// </summary>
    [AlwaysInterleave, ReadOnly, Alias("GetReceipts")] Task<MessageReceipts> GetReceipts(Guid requester, long seq);

    /// <summary>Ephemeral: published to the members online, never stored.</summary>
    [AlwaysInterleave, Alias("Typing")] Task Typing(Guid user, bool isTyping);
}
