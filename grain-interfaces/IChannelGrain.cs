namespace GoChat.GrainInterfaces;

/// <summary>
/// An official broadcast channel (issue 16), keyed by a channel id (<see cref="ConversationIds.NewChannel"/>). Its
/// subscribers are rows of a table, never grain state: a post to 100,000 of them is one stored entry and one event
/// per subscribed gateway. The gateway feeds read it as they read a conversation (Subscribe, GetAfter, ReadForDelivery).
/// </summary>
[Alias("gochat.IChannelGrain")]
public interface IChannelGrain : IGrainWithGuidKey
{
    /// <summary>An agency admin creates a channel of their own agency (a platform admin of any); a mandatory one enrols its audience at once.</summary>
    [Alias("Create")] Task<ChannelInfo> Create(Guid actor, Guid agencyId, NewChannel channel);

    /// <summary>For the audience (subscribed or not, so the directory can show it) and the owning agency's admins.</summary>
    [AlwaysInterleave, Alias("GetInfo")] Task<ChannelInfo> GetInfo(Guid requester);

    /// <summary>Subscribes to an optional channel (CONVERSATION_NOT_FOUND outside its audience, where it does not show). Idempotent.</summary>
    [Alias("Join")] Task<ChannelInfo> Join(Guid user);

    /// <summary>Unsubscribes; CHANNEL_MANDATORY for a mandatory channel.</summary>
    [Alias("Leave")] Task Leave(Guid user);

    /// <summary>
    /// Which of these users subscribe, for a gateway told that a mandatory channel opened (<see cref="IChannelNewsGrain"/>):
    /// it asks once for all the users it holds instead of the channel telling each of its subscribers.
    /// </summary>
    [AlwaysInterleave, Alias("SubscribersAmong")] Task<IReadOnlyList<Guid>> SubscribersAmong(IReadOnlyList<Guid> users);

    /// <summary>Enrols one user in a mandatory channel (registration), if they are in its audience. Idempotent.</summary>
    [Alias("Enrol")] Task Enrol(Guid user);

    /// <summary>An admin of the channel makes another member of the owning agency an admin of it (or takes it away).</summary>
    [Alias("SetAdmin")] Task<ChannelInfo> SetAdmin(Guid actor, Guid user, bool admin);

    /// <summary>
    /// The channel's managers (its admins, the owning agency's admins) set its picture: checked and re-encoded like a
    /// group photo (UNSUPPORTED_IMAGE, PHOTO_TOO_LARGE), FORBIDDEN for the rest of the audience. Bumps <see cref="ChannelInfo.PhotoVersion"/>.
    /// </summary>
    [Alias("SetPhoto")] Task<ChannelInfo> SetPhoto(Guid actor, string contentType, byte[] data);

    [Alias("RemovePhoto")] Task<ChannelInfo> RemovePhoto(Guid actor);

    /// <summary>The picture, for the channel's audience (CONVERSATION_NOT_FOUND for anyone else); null when there is none.</summary>
    [AlwaysInterleave, ReadOnly, Alias("GetPhoto")] Task<ProfilePhoto?> GetPhoto(Guid requester);

    /// <summary>
    /// A channel admin's broadcast: classified, tagged and signed, one entry of the log. Anyone else is refused
    /// (CHANNEL_READ_ONLY) and nothing is stored.
    /// </summary>
    [AlwaysInterleave, Alias("Post")] Task<SendAck> Post(Guid actor, BroadcastRequest request);

    /// <summary>A subscriber's reaction on a broadcast, as in a group (INVALID_REACTION, TOO_MANY_REACTIONS, MESSAGE_NOT_FOUND).</summary>
    [AlwaysInterleave, Alias("React")] Task<SendAck> React(Guid user, long seq, string emoji, bool add);

    /// <summary>One live broadcast as the requester's copy reads (marked for them where its level asks for it).</summary>
    [AlwaysInterleave, ReadOnly, Alias("GetMessage")] Task<ChatMessage> GetMessage(Guid requester, long seq);

    [AlwaysInterleave, ReadOnly, Alias("GetDownload")] Task<FileDownload> GetDownload(Guid requester, long seq, Guid blobId, FileVariant variant);

    /// <summary>Entries after afterSeq as the requester's copies read. A subscriber reads the channel's whole history.</summary>
    [AlwaysInterleave, ReadOnly, Alias("GetAfter")] Task<IReadOnlyList<ChatMessage>> GetAfter(Guid requester, long afterSeq, int limit);

    [AlwaysInterleave, ReadOnly, Alias("GetBefore")] Task<IReadOnlyList<ChatMessage>> GetBefore(Guid requester, long beforeSeq, int limit);

    /// <summary>For gateways: entries unmarked and unfiltered; the gateway marks each recipient's copy. Never exposed to clients.</summary>
    [AlwaysInterleave, ReadOnly, Alias("ReadForDelivery")] Task<IReadOnlyList<ChatMessage>> ReadForDelivery(long afterSeq, int limit);

    /// <summary>For gateways, as <see cref="IConversationGrain.Subscribe"/>.</summary>
    [AlwaysInterleave, Alias("Subscribe")] Task<long> Subscribe(IConversationObserver observer);

    [OneWay, AlwaysInterleave, Alias("Unsubscribe")] Task Unsubscribe(IConversationObserver observer);

    /// <summary>
    /// Before a subscriber forwards a broadcast: a protected one (TERHAD and above) may reach only people in the
    /// channel's audience (OUTSIDE_AUDIENCE names none of them), and each forward of one is audited. Returns the broadcast.
    /// </summary>
    [AlwaysInterleave, Alias("CheckForward")] Task<ChatMessage> CheckForward(Guid requester, long seq, IReadOnlyList<Guid> targetConversationIds, IReadOnlyList<Guid> recipients);

    /// <summary>A subscriber copied a protected broadcast's text or downloaded one of its files: one audit row (no-op below the protected levels).</summary>
    [AlwaysInterleave, Alias("RecordHandling")] Task RecordHandling(Guid requester, long seq, BroadcastHandling handling);

    /// <summary>
    /// A mandatory channel's admin reminds everyone who has not read a broadcast: a push to each of their devices that
    /// allows one (muted or not). Returns how many have not read it. FORBIDDEN for optional channels, whose readers are never singled out.
    /// </summary>
    [Alias("RemindUnread")] Task<long> RemindUnread(Guid actor, long seq);

    /// <summary>Delivered and read counts of one broadcast, for the channel's admins; who has not read it, for mandatory channels.</summary>
    [AlwaysInterleave, ReadOnly, Alias("GetStats")] Task<BroadcastStats> GetStats(Guid actor, long seq);
}
