using GoChat.GrainInterfaces.Events;
using GoChat.Grains.Storage;
using GoChat.Grains.Telemetry;
using GoChat.Grains.Users;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace GoChat.Grains.Conversations;

/// <summary>
/// Owns a conversation's members and its sequence numbers: who may say what, and the seq each entry gets. Its
/// <see cref="EntryPipeline"/> stores each entry, acks the sender once it is durable and sends it, strictly in seq
/// order, to every gateway that has subscribed; each gateway fans out to its own connections.
/// </summary>
[GrainType("conversation")]
public sealed class ConversationGrain(
    [PersistentState("conversation")] IPersistentState<ConversationState> state,
    IMessageLog log,
    CursorStore cursors,
    ReactionStore reactionStore,
    GoChatMetrics metrics,
    IOptions<MessageLogOptions> options,
    IOptions<LeaseOptions> leases,
    IOptions<ReceiptOptions> receiptOptions,
    Push.PushQueue pushes,
    ILogger<ConversationGrain> logger) : Grain, IConversationGrain
{
    private readonly DedupeWindow _dedupe = new(options.Value.DedupeWindow);
    private EntryPipeline _pipeline = null!;
    private long _lastSeq;
    /// <summary>Recent client message ids are read at the first send, edit or delete, not at activation (see <see cref="RememberedSends"/>).</summary>
    private Task? _dedupeLoad;
    private ReceiptTally _receipts = null!;
    private ReactionBook _reactions = null!;

    private ConversationState S => state.State;
    private bool Exists => S.Kind != ConversationKind.None;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var id = this.GetPrimaryKey();
        log.Reopen(id);
        _pipeline = new EntryPipeline(id, log, leases.Value.Lease, metrics, logger, this.DeactivateOnIdle)
        {
            // Web Push (issue 14): a new text may call for a notification; the queue decides off this path.
            Published = m => { if (m.Kind == MessageKind.Text) pushes.Offer(m.ConversationId, m.SenderId); },
        };
        _lastSeq = await log.GetLastSeq(id);
        _pipeline.StartAt(_lastSeq);
        _reactions = new ReactionBook(id, reactionStore, () => _pipeline.PublishedSeq);
        if (Exists) await LoadCursors(id);
        _receipts = new ReceiptTally(id, _lastSeq, receiptOptions.Value, () => S.Members,
            (from, count) => log.ReadBefore(id, from + count, from, count), batch => _pipeline.Publish(new ConversationEvent(Receipts: batch)), logger);
        _receipts.Timer = this.RegisterGrainTimer(_receipts.Flush, new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan) { Interleave = true });
    }

    /// <summary>
    /// Cursors are rows of gochat_cursors, written in batches by the members' list grains (never in this state):
    /// one query for all members. A member without a row (not moved from an earlier release yet) starts at zero.
    /// </summary>
    private async Task LoadCursors(Guid id)
    {
        var stored = await cursors.LoadMemberCursors(id);
        foreach (var (user, m) in S.Members)
        {
            if (!stored.TryGetValue(user, out var c)) continue;
            m.DeliveredSeq = Math.Clamp(Math.Max(c.DeliveredSeq, c.ReadSeq), 0, _lastSeq);
            m.ReadSeq = Math.Clamp(c.ReadSeq, 0, m.DeliveredSeq);
            m.SharesReadReceipts = c.SharesRead;
        }
    }

    /// <summary>
    /// Resend detection for sends of this activation needs the ids of the last ones before it: read once, with only
    /// the columns an ack needs, when the first send arrives. A conversation activated by a reconnect that sends
    /// nothing never reads them. Retried on the next send if the read failed.
    /// </summary>
    private Task RememberedSends()
    {
        if (_dedupeLoad is { IsFaulted: true }) _dedupeLoad = null;
        return _dedupeLoad ??= LoadDedupe();
    }

    private async Task LoadDedupe()
    {
        if (_lastSeq == 0) return;
        var id = this.GetPrimaryKey();
        var recent = await log.ReadRecentClientIds(id, options.Value.DedupeWindow);
        // Oldest first, so the window forgets the oldest first.
        for (var i = recent.Count - 1; i >= 0; i--)
        {
            var m = recent[i];
            _dedupe.Remember(m.SenderId, m.ClientMessageId, Task.FromResult(new SendAck(id, m.Seq, m.SentAt, Duplicate: true)));
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_pipeline is null) return; // the activation failed before it began
        if (_receipts is not null) await _receipts.Flush(); // the counts of the last window, not left behind
        await _pipeline.Close();
    }

    public async Task<ConversationInfo> CreateDirect(Guid userA, Guid userB)
    {
        if (userA == userB) throw GoChatException.Invalid("A direct conversation needs two different people.");
        if (ConversationIds.Direct(userA, userB) != this.GetPrimaryKey()) throw GoChatException.Invalid("Conversation id does not belong to this pair.");
        if (Exists)
        {
            // The peer opens the chat the other started before anything was said: now it is theirs to list too.
            if (S.Unlisted.Contains(userA)) await List([userA]);
            return ToInfo(userA);
        }

        var accounts = await Task.WhenAll(ActiveAccount(userA), ActiveAccount(userB));
        var (a, b) = (accounts[0], accounts[1]);
        // An external user limited to their own agency cannot start a chat with someone they cannot see.
        if (!Visibility.MaySee(a, b.AgencyId, inDirectChatWithViewer: false)) throw Visibility.Hidden();
        var now = DateTimeOffset.UtcNow;
        S.Kind = ConversationKind.Direct;
        S.CreatedAt = now;
        var entry = NextEntry(userA, MessageKind.Created, text: null, subject: userB);
        foreach (var u in new[] { userA, userB }) S.Members[u] = new MemberState { Role = MemberRole.Member, JoinedSeq = entry.Seq, JoinedAt = now };
        // The peer hears of the chat with its first message (see Send), not when someone merely opens it.
        S.Unlisted = [userB];
        await CommitMembership(entry);
        await GrainFactory.GetGrain<IUserConversationsGrain>(userA).JoinedConversation(this.GetPrimaryKey(), ConversationKind.Direct, entry.Seq, userB);
        return ToInfo(userA);
    }

    public async Task<ConversationInfo> CreateGroup(Guid owner, string name, IReadOnlyList<Guid> members)
    {
        if (Exists) throw new GoChatException(ErrorCodes.AlreadyExists, "This conversation already exists.");
        name = ValidateName(name);
        var all = members.Append(owner).Distinct().ToList();
        if (all.Count > Limits.MaxMembersPerCall) throw GoChatException.Invalid($"At most {Limits.MaxMembersPerCall} members can be added at once.");
        var creator = await ActiveAccount(owner);
        if (!creator.CanCreateGroups) throw new GoChatException(ErrorCodes.Forbidden, "External users need an admin's permission to create groups.");
        await RequireActiveAccounts(all.Where(u => u != owner)); // the owner was just looked up

        var now = DateTimeOffset.UtcNow;
        S.Kind = ConversationKind.Group;
        S.Name = name;
        S.CreatedAt = now;
        var entry = NextEntry(owner, MessageKind.Created, name, subject: null);
        foreach (var u in all)
        {
            S.Members[u] = new MemberState { Role = u == owner ? MemberRole.Owner : MemberRole.Member, JoinedSeq = entry.Seq, JoinedAt = now };
        }
        await CommitMembership(entry);
        await NotifyJoined(all, entry.Seq);
        return ToInfo(owner);
    }

    public async Task<ConversationInfo> GetInfo(Guid requester)
    {
        RequireMember(requester);
        // Whether the requester sees others' read cursors depends on their own setting, which may have changed since
        // their last cursor update here: a settings change is one table update, not a call to every conversation.
        var shares = (await GrainFactory.GetGrain<IProfileGrain>(requester).GetSettings()).ReadReceipts;
        RequireMember(requester).SharesReadReceipts = shares; // still a member after the call?
        return ToInfo(requester);
    }

    public async Task<ConversationInfo> AddMembers(Guid actor, IReadOnlyList<Guid> users)
    {
        RequireGroupAdmin(actor);
        var fresh = users.Distinct().Where(u => !S.Members.ContainsKey(u)).ToList();
        if (fresh.Count > Limits.MaxMembersPerCall) throw GoChatException.Invalid($"At most {Limits.MaxMembersPerCall} members can be added at once.");
        if (S.Members.Count + fresh.Count > Limits.MaxGroupMembers) throw GoChatException.Invalid($"A group holds at most {Limits.MaxGroupMembers} members.");
        if (fresh.Count == 0) return ToInfo(actor);
        await RequireActiveAccounts(fresh);

        var now = DateTimeOffset.UtcNow;
        var entries = new List<ChatMessage>();
        foreach (var u in fresh)
        {
            var entry = NextEntry(actor, MessageKind.MemberAdded, null, subject: u);
            S.Members[u] = new MemberState { Role = MemberRole.Member, JoinedSeq = entry.Seq, JoinedAt = now };
            entries.Add(entry);
        }
        await CommitMembership([.. entries]);
        await Task.WhenAll(entries.Select(e => GrainFactory.GetGrain<IUserConversationsGrain>(e.SubjectUserId!.Value)
            .JoinedConversation(this.GetPrimaryKey(), ConversationKind.Group, e.Seq, null)));
        return ToInfo(actor);
    }

    public async Task RemoveMember(Guid actor, Guid user)
    {
        var actorRole = RequireGroupAdmin(actor);
        if (actor == user) throw GoChatException.Invalid("Use leave to leave a group.");
        if (!S.Members.TryGetValue(user, out var target)) throw new GoChatException(ErrorCodes.NotMember, "That user is not a member.");
        if (target.Role >= actorRole) throw new GoChatException(ErrorCodes.Forbidden, "You cannot remove a member whose role is equal to or above yours.");

        S.Members.Remove(user);
        _receipts.Gone(user, target);
        await CommitMembership(NextEntry(actor, MessageKind.MemberRemoved, null, subject: user));
        await GrainFactory.GetGrain<IUserConversationsGrain>(user).LeftConversation(this.GetPrimaryKey());
    }

    public async Task Leave(Guid user)
    {
        var member = RequireMember(user);
        if (S.Kind != ConversationKind.Group) throw new GoChatException(ErrorCodes.Forbidden, "You cannot leave a direct conversation.");

        S.Members.Remove(user);
        _receipts.Gone(user, member);
        var entries = new List<ChatMessage> { NextEntry(user, MessageKind.MemberLeft, null, subject: user) };
        if (member.Role == MemberRole.Owner && S.Members.Count > 0)
        {
            // A group always has an owner: the senior admin, else the longest-standing member, takes over.
            var (heirId, heir) = S.Members.OrderByDescending(m => m.Value.Role).ThenBy(m => m.Value.JoinedAt).ThenBy(m => m.Value.JoinedSeq).First();
            heir.Role = MemberRole.Owner;
            entries.Add(NextEntry(user, MessageKind.RoleChanged, nameof(MemberRole.Owner), subject: heirId));
        }
        await CommitMembership([.. entries]);
        await GrainFactory.GetGrain<IUserConversationsGrain>(user).LeftConversation(this.GetPrimaryKey());
    }

    public async Task Rename(Guid actor, string name)
    {
        RequireGroupAdmin(actor);
        name = ValidateName(name);
        if (name == S.Name) return;
        S.Name = name;
        await CommitMembership(NextEntry(actor, MessageKind.Renamed, name, subject: null));
    }

    public async Task SetRole(Guid actor, Guid user, MemberRole role)
    {
        var actorRole = RequireGroupAdmin(actor);
        if (actorRole != MemberRole.Owner) throw new GoChatException(ErrorCodes.Forbidden, "Only the owner can change roles.");
        if (!Enum.IsDefined(role)) throw GoChatException.Invalid("Unknown role.");
        if (!S.Members.TryGetValue(user, out var target)) throw new GoChatException(ErrorCodes.NotMember, "That user is not a member.");
        if (actor == user) throw GoChatException.Invalid("Hand ownership to someone else instead.");
        if (target.Role == role) return;

        var entries = new List<ChatMessage>();
        target.Role = role;
        entries.Add(NextEntry(actor, MessageKind.RoleChanged, role.ToString(), subject: user));
        if (role == MemberRole.Owner)
        {
            S.Members[actor].Role = MemberRole.Admin;
            entries.Add(NextEntry(actor, MessageKind.RoleChanged, nameof(MemberRole.Admin), subject: actor));
        }
        await CommitMembership([.. entries]);
    }

    public Task<SendAck> Send(Guid sender, SendMessageRequest request)
    {
        var text = ValidateText(request.Text);
        var clientId = ValidateClientId(request.ClientMessageId);
        RequireMember(sender);
        var remembered = RememberedSends();
        // Synchronous once the ids are in: the seq is taken and the append handed over in this same turn.
        return remembered.IsCompletedSuccessfully && S.Unlisted.Count == 0
            ? SendNow(sender, request, text, clientId)
            : SendOnceRemembered(remembered, sender, request, text, clientId);
    }

    private async Task<SendAck> SendOnceRemembered(Task remembered, Guid sender, SendMessageRequest request, string text, string clientId)
    {
        await remembered;
        RequireMember(sender); // may have left meanwhile
        // Listed before the message is appended, so their devices subscribe and receive it; if listing fails, nothing
        // was sent and the client's resend (same client id) lists again: JoinedConversation is idempotent.
        if (S.Unlisted.Count > 0) await List([.. S.Unlisted]);
        return await SendNow(sender, request, text, clientId);
    }

    /// <summary>Puts this conversation in the lists of members who did not have it yet.</summary>
    private async Task List(IReadOnlyList<Guid> users)
    {
        await Task.WhenAll(users.Select(u => GrainFactory.GetGrain<IUserConversationsGrain>(u).JoinedConversation(
            this.GetPrimaryKey(), S.Kind, S.Members[u].JoinedSeq, S.Members.Keys.FirstOrDefault(k => k != u))));
        foreach (var u in users) S.Unlisted.Remove(u);
        await state.WriteStateAsync();
    }

    private Task<SendAck> SendNow(Guid sender, SendMessageRequest request, string text, string clientId)
    {
        if (_dedupe.TryGet(sender, clientId, out var earlier)) return AsDuplicate(earlier);
        if (request.ReplyToSeq is { } r && (r < 1 || r > _lastSeq)) throw new GoChatException(ErrorCodes.MessageNotFound, "The message replied to does not exist.");
        var mentions = Mentions.Validate(request.Mentions, S.Members);

        var entry = NextEntry(sender, MessageKind.Text, text, null, clientId, replyTo: request.ReplyToSeq) with { Forwarded = request.Forwarded, Mentions = mentions };
        return AppendWithAck(sender, clientId, entry);
    }

    public async Task<SendAck> React(Guid user, long seq, string emoji, bool add)
    {
        emoji = ReactionRules.Emoji(emoji);
        await ReadableText(user, seq);
        var entry = await _reactions.Change(user, seq, emoji, add, () =>
        {
            RequireMember(user); // may have left during the reads
            return NextEntry(user, add ? MessageKind.ReactionAdded : MessageKind.ReactionRemoved, emoji, null, target: seq);
        });
        // Nothing to change is no entry: seq 0 says so.
        return entry is null ? new SendAck(this.GetPrimaryKey(), 0, DateTimeOffset.UtcNow, Duplicate: true) : await _pipeline.AppendWithAck(entry);
    }

    public Task<ChatMessage> GetMessage(Guid requester, long seq) => ReadableText(requester, seq);

    /// <summary>A live text the member may read (sent since they joined): MESSAGE_NOT_FOUND otherwise.</summary>
    private async Task<ChatMessage> ReadableText(Guid user, long seq)
    {
        var member = RequireMember(user);
        var message = seq >= member.JoinedSeq && seq <= _pipeline.PublishedSeq ? await log.Get(this.GetPrimaryKey(), seq) : null;
        if (message is null || message.Kind != MessageKind.Text || message.Deleted) throw new GoChatException(ErrorCodes.MessageNotFound, "No such message.");
        RequireMember(user);
        return message;
    }

    public async Task<SendAck> Edit(Guid sender, long seq, string text, string clientMessageId)
    {
        text = ValidateText(text);
        var clientId = ValidateClientId(clientMessageId);
        RequireMember(sender);
        await RememberedSends();
        if (_dedupe.TryGet(sender, clientId, out var earlier)) return await AsDuplicate(earlier);
        await RequireOwnLiveMessage(sender, seq);
        if (_dedupe.TryGet(sender, clientId, out earlier)) return await AsDuplicate(earlier);
        return await AppendWithAck(sender, clientId, NextEntry(sender, MessageKind.Edit, text, null, clientId, target: seq));
    }

    public async Task<SendAck> Delete(Guid sender, long seq, string clientMessageId)
    {
        var clientId = ValidateClientId(clientMessageId);
        RequireMember(sender);
        await RememberedSends();
        if (_dedupe.TryGet(sender, clientId, out var earlier)) return await AsDuplicate(earlier);
        await RequireOwnLiveMessage(sender, seq);
        if (_dedupe.TryGet(sender, clientId, out earlier)) return await AsDuplicate(earlier);
        return await AppendWithAck(sender, clientId, NextEntry(sender, MessageKind.Delete, null, null, clientId, target: seq));
    }

    public async Task<IReadOnlyList<ChatMessage>> GetAfter(Guid requester, long afterSeq, int limit)
    {
        var member = RequireMember(requester);
        var from = Math.Max(afterSeq, member.JoinedSeq - 1);
        return await log.ReadAfter(this.GetPrimaryKey(), from, Math.Clamp(limit, 1, Limits.MaxHistoryPage));
    }

    public async Task<IReadOnlyList<ChatMessage>> ReadForDelivery(long afterSeq, int limit)
    {
        if (!Exists) throw GoChatException.NotFound();
        // Only what has been published: an entry above that may not be durable yet.
        var page = await log.ReadAfter(this.GetPrimaryKey(), afterSeq, Math.Clamp(limit, 1, Limits.MaxHistoryPage));
        var published = _pipeline.PublishedSeq;
        return page.Where(m => m.Seq <= published).ToList();
    }

    public async Task<IReadOnlyList<ChatMessage>> GetBefore(Guid requester, long beforeSeq, int limit)
    {
        var member = RequireMember(requester);
        return await log.ReadBefore(this.GetPrimaryKey(), beforeSeq, member.JoinedSeq, Math.Clamp(limit, 1, Limits.MaxHistoryPage));
    }

    public Task<long> Subscribe(IConversationObserver observer)
    {
        if (!Exists) throw GoChatException.NotFound();
        return Task.FromResult(_pipeline.Subscribe(observer));
    }

    public Task Unsubscribe(IConversationObserver observer)
    {
        _pipeline.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task UpdateCursors(Guid user, long deliveredSeq, long readSeq, bool sharesReadReceipts)
    {
        if (!S.Members.TryGetValue(user, out var m)) return Task.CompletedTask;
        var delivered = Math.Clamp(Math.Max(deliveredSeq, readSeq), m.DeliveredSeq, _lastSeq);
        var read = Math.Clamp(readSeq, m.ReadSeq, delivered);
        var changed = delivered != m.DeliveredSeq || read != m.ReadSeq || sharesReadReceipts != m.SharesReadReceipts;
        if (!changed) return Task.CompletedTask;
        var before = new ReceiptTally.Cursors(m.DeliveredSeq, m.ReadSeq, m.SharesReadReceipts);
        m.DeliveredSeq = delivered;
        m.ReadSeq = read;
        m.SharesReadReceipts = sharesReadReceipts;
        // A direct chat's two members both see each cursor; a group's go to the senders as counts (ReceiptTally).
        if (S.Kind == ConversationKind.Group) _receipts.Moved(user, before, m);
        else _pipeline.Publish(new ConversationEvent(Receipt: new Receipt(this.GetPrimaryKey(), user, delivered, sharesReadReceipts ? read : null)));
        return Task.CompletedTask;
    }

    public async Task<MessageReceipts> GetReceipts(Guid requester, long seq)
    {
        RequireMember(requester);
        var message = seq >= 1 && seq <= _pipeline.PublishedSeq ? await log.Get(this.GetPrimaryKey(), seq) : null;
        if (message is null || message.Kind != MessageKind.Text || message.Deleted) throw new GoChatException(ErrorCodes.MessageNotFound, "No such message.");
        if (message.SenderId != requester) throw new GoChatException(ErrorCodes.Forbidden, "Only the sender can see who received and read a message.");
        RequireMember(requester); // still, after the read
        return ReceiptTally.Who(this.GetPrimaryKey(), seq, requester, S.Members);
    }

    public Task Typing(Guid user, bool isTyping)
    {
        RequireMember(user);
        _pipeline.Publish(new ConversationEvent(Typing: new TypingSignal(this.GetPrimaryKey(), user, isTyping)));
        return Task.CompletedTask;
    }

    private ChatMessage NextEntry(Guid sender, MessageKind kind, string? text, Guid? subject, string? clientId = null, long? replyTo = null, long? target = null)
    {
        if (_pipeline.Broken) throw new GoChatException(ErrorCodes.Unavailable, "The conversation is recovering; try again.");
        var entry = new ChatMessage(this.GetPrimaryKey(), ++_lastSeq, sender, kind, text, clientId, replyTo, target, subject, DateTimeOffset.UtcNow);
        // Only a group's senders get counts; a direct chat's two cursors go out as they are (UpdateCursors).
        if (S.Kind == ConversationKind.Group) _receipts.Appended(entry);
        return entry;
    }

    /// <summary>Resends of this one, while the dedupe window remembers it, get this same ack.</summary>
    private Task<SendAck> AppendWithAck(Guid sender, string clientId, ChatMessage entry)
    {
        var ack = _pipeline.AppendWithAck(entry);
        _dedupe.Remember(sender, clientId, ack);
        return ack;
    }

    private Task CommitMembership(params ChatMessage[] entries) => _pipeline.Commit(() => state.WriteStateAsync(), entries);

    private static async Task<SendAck> AsDuplicate(Task<SendAck> earlier) => (await earlier) with { Duplicate = true };

    private async Task RequireOwnLiveMessage(Guid sender, long seq)
    {
        var target = seq >= 1 && seq <= _lastSeq ? await log.Get(this.GetPrimaryKey(), seq) : null;
        if (target is null || target.Kind != MessageKind.Text || target.Deleted) throw new GoChatException(ErrorCodes.MessageNotFound, "No such message.");
        if (target.SenderId != sender) throw new GoChatException(ErrorCodes.Forbidden, "Only the sender can change a message.");
    }

    /// <summary>A non-member (a former one too) hears exactly what is said for a conversation that does not exist.</summary>
    private MemberState RequireMember(Guid user)
    {
        if (!Exists || !S.Members.TryGetValue(user, out var m)) throw GoChatException.NotFound();
        return m;
    }

    private MemberRole RequireGroupAdmin(Guid actor)
    {
        var m = RequireMember(actor);
        if (S.Kind != ConversationKind.Group) throw new GoChatException(ErrorCodes.Forbidden, "Direct conversations have no members to manage.");
        if (m.Role < MemberRole.Admin) throw new GoChatException(ErrorCodes.Forbidden, "Only group admins can do that.");
        return m.Role;
    }

    private async Task<AccountInfo> ActiveAccount(Guid user)
    {
        var account = await GrainFactory.GetGrain<IUserGrain>(user).GetAccount();
        if (account is null || account.Status is AccountStatus.PendingApproval or AccountStatus.Rejected)
        {
            throw new GoChatException(ErrorCodes.UserNotFound, $"User {user} does not exist.");
        }
        return account;
    }

    /// <summary>Everyone added to a group must be an account that can use GoChat: not pending approval, not rejected.</summary>
    private Task RequireActiveAccounts(IEnumerable<Guid> users) => Task.WhenAll(users.Select(ActiveAccount));

    private Task NotifyJoined(IEnumerable<Guid> users, long seq) =>
        Task.WhenAll(users.Select(u => GrainFactory.GetGrain<IUserConversationsGrain>(u).JoinedConversation(this.GetPrimaryKey(), S.Kind, seq, null)));

    private ConversationInfo ToInfo(Guid requester)
    {
        var requesterShares = S.Members.TryGetValue(requester, out var me) && me.SharesReadReceipts;
        var members = S.Members
            .Select(kv => new MemberInfo(kv.Key, kv.Value.Role, kv.Value.JoinedSeq, kv.Value.DeliveredSeq,
                kv.Key == requester || (requesterShares && kv.Value.SharesReadReceipts) ? kv.Value.ReadSeq : null))
            .ToList();
        return new ConversationInfo(this.GetPrimaryKey(), S.Kind, S.Name, members, _lastSeq, S.CreatedAt);
    }

    private static string ValidateText(string? text) => TextRules.MessageText(text);

    private static string ValidateClientId(string? clientId) => TextRules.ClientMessageId(clientId);

    private static string ValidateName(string? name) => TextRules.Required(name, Limits.MaxGroupNameLength, "A group name");
}
