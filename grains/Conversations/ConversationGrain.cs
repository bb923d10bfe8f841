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
public sealed partial class ConversationGrain(
    [PersistentState("conversation")] IPersistentState<ConversationState> state,
    IMessageLog log,
    CursorStore cursors,
    ReactionStore reactionStore,
    GoChatMetrics metrics,
    IOptions<MessageLogOptions> options,
    IOptions<LeaseOptions> leases,
    IOptions<ReceiptOptions> receiptOptions,
    Push.PushQueue pushes,
    Pictures.ConversationPhotoStore photos,
    Files.AttachmentFiles files,
    ILogger<ConversationGrain> logger) : Grain, IConversationGrain
{
    private RecentSends _sends = null!;
    private DedupeWindow _dedupe => _sends.Window;
    private EntryPipeline _pipeline = null!;
    private long _lastSeq;
    /// <summary>The last seq when this activation began: the client ids before it are read at the first send (<see cref="RecentSends"/>).</summary>
    private long _activatedAt;
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
        _lastSeq = _activatedAt = await log.GetLastSeq(id);
        _sends = new RecentSends(id, log, options.Value.DedupeWindow);
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

    private Task RememberedSends() => _sends.Ready(_activatedAt);

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

    private async Task<ChatMessage> RequireOwnLiveMessage(Guid sender, long seq)
    {
        var target = seq >= 1 && seq <= _lastSeq ? await log.Get(this.GetPrimaryKey(), seq) : null;
        if (target is null || target.Kind != MessageKind.Text || target.Deleted) throw new GoChatException(ErrorCodes.MessageNotFound, "No such message.");
        if (target.SenderId != sender) throw new GoChatException(ErrorCodes.Forbidden, "Only the sender can change a message.");
        return target;
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
        return new ConversationInfo(this.GetPrimaryKey(), S.Kind, S.Name, members, _lastSeq, S.CreatedAt, S.Description, S.PhotoVersion);
    }

    private static string ValidateText(string? text) => TextRules.MessageText(text);

    private static string ValidateClientId(string? clientId) => TextRules.ClientMessageId(clientId);

    private static string ValidateName(string? name) => TextRules.Required(name, Limits.MaxGroupNameLength, "A group name");
}
