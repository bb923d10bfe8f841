using GoChat.GrainInterfaces;
using GoChat.Gateway.Auth;
using GoChat.Gateway.Delivery;
using GoChat.Gateway.Draining;
using GoChat.Gateway.RateLimiting;
using GoChat.Gateway.Telemetry;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace GoChat.Gateway.Hubs;

/// <summary>
/// The client's one door: sends go to the conversation grain, live delivery comes back through this
/// gateway's conversation feeds. A client calls <see cref="Sync"/> after every (re)connect.
/// </summary>
[Authorize]
public sealed partial class ChatHub(
    IGrainFactory grains,
    ConnectionRegistry connections,
    ConversationFeeds feeds,
    UserFeeds userFeeds,
    PresenceFeeds presence,
    ChannelNews channelNews,
    ConnectionDrain drain,
    SyncJoins syncJoins,
    GatewayMetrics metrics,
    Broadcasts.DeliveryMarking marking,
    TimeProvider time) : Hub<IChatClient>
{
    public const string Path = "/hubs/chat";

    private Guid Me => Context.User.UserId();
    private IUserGrain MyGrain => grains.GetGrain<IUserGrain>(Me);
    private IProfileGrain MyProfile => grains.GetGrain<IProfileGrain>(Me);
    private IUserConversationsGrain MyConversations => grains.GetGrain<IUserConversationsGrain>(Me);

    /// <summary>Conversations in Sync's answer; the client pages on with <see cref="GetConversationPage"/>.</summary>
    public const int SyncPageSize = 50;

    /// <summary>Conversations one Sync may name in its last seqs: a user in thousands of chats, each named once.</summary>
    public const int MaxSyncConversations = 5_000;

    /// <summary>
    /// The largest frame a client may send: a Sync naming <see cref="MaxSyncConversations"/> conversations (about 50
    /// bytes each in JSON). SignalR's default of 32 KB holds about 650, and a frame above the limit closes the
    /// connection, so a user in 2,000 chats could not reconnect at all.
    /// </summary>
    public const int MaxMessageBytes = 320 * 1024;
    private IPresenceGrain MyPresence => grains.GetGrain<IPresenceGrain>(Me);

    public override async Task OnConnectedAsync()
    {
        var me = Me;
        var settings = await MyProfile.GetSettings();
        var connection = connections.Add(ChatHubLifetimeManager.Of(Context), me, settings.ReadReceipts, Context.User.SessionEpoch(), Context.User.DeviceId());
        metrics.ConnectionOpened();
        // Attaches this gateway to the user (their events, this connection's leased presence).
        await userFeeds.Acquire(connection);
        await channelNews.Attached();
        // The token was checked before the upgrade; a session that ended since, before this gateway attached,
        // published its end to the gateways attached then. Attached now, this gateway sees every later end.
        if (await MyGrain.CheckSession(connection.DeviceId, connection.SessionEpoch) is null)
        {
            Context.Abort();
            return;
        }
        await drain.OnConnected(connection);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        var connection = connections.Remove(Context.ConnectionId);
        if (connection is null) return;
        metrics.ConnectionClosed();
        // First, so that a backlog still being posted to it stops at once.
        connection.Outbox.Close();
        // Presence watches go at once, one-way; the conversation feeds and the user's attachment are let go side by side.
        presence.UnwatchAll(connection);
        await Task.WhenAll(feeds.LeaveAll(connection), userFeeds.Release(connection));
    }

    /// <summary>
    /// Joins every conversation of the user. For each conversation in <see cref="SyncInput.LastSeqs"/> the
    /// client first receives exactly the entries after that seq, then live ones; the others go live from now.
    /// One query finds which conversations have entries the client lacks: those, and those on the first page of the
    /// list it returns, are joined (backlog pushed) before this returns; the rest right after, in the background
    /// (<see cref="SyncJoins"/>), so the cost of a reconnect grows with what changed and the page, not with the list.
    /// </summary>
    [RetryOnFailover]
    public async Task<SyncResult> Sync(SyncInput? input)
    {
        var lastSeqs = new Dictionary<Guid, long>();
        if (input?.LastSeqs?.Count > MaxSyncConversations) throw GoChatException.Invalid($"Sync names at most {MaxSyncConversations} conversations.");
        foreach (var (key, seq) in input?.LastSeqs ?? [])
        {
            if (seq < 0) throw GoChatException.Invalid("A last seq cannot be negative.");
            lastSeqs[Ids.Parse(key, "lastSeqs")] = seq;
        }
        var connection = Current();
        connection.Synced = true;
        var heads = await MyConversations.GetHeads();
        var page = await MyConversations.GetPage(null, SyncPageSize);
        // Now: what the client lacks, and what it shows first (typing and receipts there must not wait). Later: the rest.
        var onScreen = page.Conversations.Select(c => c.ConversationId).ToHashSet();
        var now = new List<(Guid, long)>();
        var later = new List<(Guid, long)>();
        foreach (var head in heads)
        {
            var held = lastSeqs.TryGetValue(head.ConversationId, out var seq);
            // A conversation the client does not hold goes live from the last seq the query saw, as before from "now".
            var join = (head.ConversationId, held ? seq : head.LastSeq);
            (held && head.LastSeq > seq || onScreen.Contains(head.ConversationId) ? now : later).Add(join);
        }
        await syncJoins.JoinNow(connection, now);
        syncJoins.JoinLater(connection, later);
        var member = heads.Select(h => h.ConversationId).ToHashSet();
        return new SyncResult(Marked(page.Conversations), await MyPresence.GetPresence(), await MyProfile.GetSettings(), page.NextCursor,
            lastSeqs.Keys.Where(id => !member.Contains(id)).ToList());
    }

    /// <summary>The newest <see cref="Limits.MaxConversationPage"/> conversations; <see cref="GetConversationPage"/> pages through all.</summary>
    [RetryOnFailover]
    public async Task<IReadOnlyList<ConversationSummary>> GetConversations() =>
        Marked((await MyConversations.GetPage(null, Limits.MaxConversationPage)).Conversations);

    /// <summary>A page of the conversation list, newest activity first; a null cursor is the first page.</summary>
    [RetryOnFailover]
    public async Task<ConversationPage> GetConversationPage(string? cursor, int limit)
    {
        if (cursor is { Length: > 64 }) throw GoChatException.Invalid("The page cursor is not one this server gave.");
        var page = await MyConversations.GetPage(cursor, limit);
        return page with { Conversations = Marked(page.Conversations) };
    }

    /// <summary>A list row shows the last entry as the chat does: a protected broadcast as the caller's own marked copy.</summary>
    private IReadOnlyList<ConversationSummary> Marked(IReadOnlyList<ConversationSummary> rows)
    {
        var me = Me;
        return rows.Any(r => r.LastMessage is { } m && Broadcasts.DeliveryMarking.NeedsMark(m))
            ? rows.Select(r => r.LastMessage is { } m ? r with { LastMessage = marking.For(m, me) } : r).ToList()
            : rows;
    }

    [RetryOnFailover]
    [RateLimited(nameof(RateLimiters.Sends))]
    public Task<SendAck> SendMessage(SendMessageInput input)
    {
        var id = Ids.Parse(input?.ConversationId, "conversationId");
        // Refused here already, without a grain call; the grain checks again, as the real boundary.
        var attachments = AttachmentInputs(input!.Attachments);
        var text = attachments is null ? TextRules.MessageText(input.Text) : TextRules.Caption(input.Text);
        TextRules.ClientMessageId(input.ClientMessageId);
        // A message to a channel is a post without a level: its admins are told to pick one, anyone else that it is read-only.
        if (ConversationIds.IsChannel(id)) return grains.GetGrain<IChannelGrain>(id).Post(Me, new BroadcastRequest(input.ClientMessageId, text, "", Attachments: attachments));
        return Conversation(id).Send(Me, new SendMessageRequest(id, input.ClientMessageId, text, input.ReplyToSeq, Mentions: MentionIds(input.Mentions),
            Attachments: attachments));
    }

    [RetryOnFailover]
    [RateLimited(nameof(RateLimiters.Sends))]
    public Task<SendAck> EditMessage(string conversationId, long seq, string text, string clientMessageId) =>
        Conversation(conversationId).Edit(Me, seq, TextRules.MessageText(text), TextRules.ClientMessageId(clientMessageId));

    [RetryOnFailover]
    [RateLimited(nameof(RateLimiters.Sends))]
    public Task<SendAck> DeleteMessage(string conversationId, long seq, string clientMessageId) =>
        Conversation(conversationId).Delete(Me, seq, TextRules.ClientMessageId(clientMessageId));

    /// <summary>Oldest first; pass beforeSeq = long.MaxValue for the newest page.</summary>
    [RetryOnFailover]
    public async Task<IReadOnlyList<ChatMessage>> GetHistory(string conversationId, long beforeSeq, int limit) =>
        marking.For(await Source(conversationId).GetBefore(Me, beforeSeq, limit), Me);

    [RetryOnFailover]
    public Task<ConversationInfo> GetConversation(string conversationId)
    {
        var id = Ids.Parse(conversationId, "conversationId");
        // A channel has its own info (GetChannel); as a conversation it does not exist.
        if (ConversationIds.IsChannel(id)) throw GoChatException.NotFound();
        return Conversation(id).GetInfo(Me);
    }

    [RetryOnFailover]
    public Task<ConversationInfo> CreateDirectConversation(string peerUserId)
    {
        var peer = Ids.Parse(peerUserId, "peerUserId");
        return grains.GetGrain<IConversationGrain>(ConversationIds.Direct(Me, peer)).CreateDirect(Me, peer);
    }

    [RateLimited(nameof(RateLimiters.Sends))]
    public Task<ConversationInfo> CreateGroup(string name, string[] memberIds) =>
        grains.GetGrain<IConversationGrain>(Guid.NewGuid()).CreateGroup(Me, GroupName(name), Ids.ParseMany(memberIds, "memberIds"));

    [RateLimited(nameof(RateLimiters.Sends))]
    public Task<ConversationInfo> AddMembers(string conversationId, string[] userIds) =>
        Conversation(conversationId).AddMembers(Me, Ids.ParseMany(userIds, "userIds"));

    public Task RemoveMember(string conversationId, string userId) =>
        Conversation(conversationId).RemoveMember(Me, Ids.Parse(userId, "userId"));

    public Task LeaveConversation(string conversationId) => Conversation(conversationId).Leave(Me);

    public Task RenameConversation(string conversationId, string name) => Conversation(conversationId).Rename(Me, GroupName(name));

    /// <summary>Group admins only; blank removes the description. Every member sees a system entry with the new text.</summary>
    public Task SetGroupDescription(string conversationId, string? description) => Conversation(conversationId).SetDescription(Me, description);

    public Task SetMemberRole(string conversationId, string userId, MemberRole role) =>
        Conversation(conversationId).SetRole(Me, Ids.Parse(userId, "userId"), role);

    [RetryOnFailover]
    public Task MarkDelivered(string conversationId, long seq) => MyConversations.MarkCursors(Ids.Parse(conversationId, "conversationId"), seq, 0);

    [RetryOnFailover]
    public Task MarkRead(string conversationId, long seq) => MyConversations.MarkCursors(Ids.Parse(conversationId, "conversationId"), seq, seq);

    /// <summary>Over the Typing budget a signal is dropped silently: it is advisory, and the next one comes in seconds.</summary>
    [RateLimited(nameof(RateLimiters.Typing), DropExcess = true)]
    public Task Typing(string conversationId, bool isTyping) => Conversation(conversationId).Typing(Me, isTyping);

    /// <summary>
    /// The conversation on this connection's screen, or null when none is: typing reaches only connections that have
    /// the chat open. Stored on the connection only, no grain call: it filters what the connection's feeds already send
    /// it, so it must be one of them (CONVERSATION_NOT_FOUND otherwise, as for any conversation not the caller's).
    /// </summary>
    public Task SetOpenConversation(string? conversationId)
    {
        var connection = Current();
        Guid? id = conversationId is null ? null : Ids.Parse(conversationId, "conversationId");
        if (id is { } open)
        {
            lock (connection.Conversations)
            {
                if (!connection.Conversations.Contains(open)) throw GoChatException.NotFound();
            }
        }
        connection.OpenConversation = id;
        return Task.CompletedTask;
    }

    /// <summary>"Maklumat mesej": who received and who read one of the caller's own messages.</summary>
    [RetryOnFailover]
    [RateLimited(nameof(RateLimiters.DirectoryReads))]
    public Task<MessageReceipts> GetReceipts(string conversationId, long seq) => Conversation(conversationId).GetReceipts(Me, seq);

    public Task<PresenceInfo> SetAway(bool away) => MyPresence.SetAway(Context.ConnectionId, away);

    /// <summary>
    /// Returns the users' presence now and pushes every change until this connection closes. USER_NOT_FOUND, and no
    /// watch at all, if any of them is hidden from this user (as their card is).
    /// </summary>
    [RetryOnFailover]
    public async Task<IReadOnlyList<PresenceInfo>> WatchPresence(string[] userIds)
    {
        var ids = Ids.ParseMany(userIds, "userIds");
        var connection = Current();
        var me = Me;
        // Every one is checked before any is watched: a refused call watches no one.
        await Bounded.Map(ids, id => grains.GetGrain<IPresenceGrain>(id).GetPresenceFor(me));
        // One batch; each answer is read after its watch is in place, so no change between the check and the watch is missed.
        return await presence.Watch(connection, ids);
    }

    [RetryOnFailover]
    public Task<UserSettings> GetSettings() => MyProfile.GetSettings();

    public Task<UserSettings> UpdateSettings(UserSettings settings) =>
        MyProfile.UpdateSettings(settings ?? throw GoChatException.Invalid("Settings are required."));

    /// <summary>A person's card, as far as this user may see them.</summary>
    [RetryOnFailover]
    [RateLimited(nameof(RateLimiters.DirectoryReads))]
    public Task<UserProfile> GetProfile(string userId) => grains.GetGrain<IProfileGrain>(Ids.Parse(userId, "userId")).GetCard(Me);

    public Task<UserProfile> UpdateProfile(ProfileUpdate update)
    {
        if (update is null) throw GoChatException.Invalid("A profile is required.");
        TextRules.RequireStorable(update.DisplayName, "The display name");
        TextRules.RequireStorable(update.Position, "The position");
        TextRules.RequireStorable(update.Department, "The department");
        TextRules.RequireStorable(update.StatusText, "The status");
        return MyProfile.UpdateProfile(update);
    }

    /// <summary>Akses Kontak: people by name, agency, department or position.</summary>
    [RetryOnFailover]
    [RateLimited(nameof(RateLimiters.Searches))]
    public Task<IReadOnlyList<UserProfile>> SearchDirectory(DirectoryQuery query)
    {
        if (query is null) throw GoChatException.Invalid("A query is required.");
        TextRules.RequireStorable(query.Text, "A search term");
        TextRules.RequireStorable(query.Department, "A department");
        TextRules.RequireStorable(query.Position, "A position");
        return grains.GetGrain<IDirectoryGrain>(0).Search(Me, query);
    }

    /// <summary>Search across chats, or inside one with a conversation id (issue 14): grouped by chat, paged by cursor.</summary>
    [RetryOnFailover]
    [RateLimited(nameof(RateLimiters.Searches))]
    public Task<MessageSearchPage> SearchMessages(MessageSearchInput query) => Api.SearchEndpoints.Search(grains, marking, Me, query);

    private IConversationGrain Conversation(Guid id) => grains.GetGrain<IConversationGrain>(id);

    private static string GroupName(string? name) => TextRules.Required(name, Limits.MaxGroupNameLength, "A group name");

    private IConversationGrain Conversation(string id) => Conversation(Ids.Parse(id, "conversationId"));

    /// <summary>A conversation or a channel, for what both answer.</summary>
    private ChatSource Source(string id) => new(grains, Ids.Parse(id, "conversationId"));

    private ClientConnection Current() =>
        connections.Get(Context.ConnectionId) ?? throw new GoChatException(ErrorCodes.Unauthenticated, "This connection is closing.");
}
