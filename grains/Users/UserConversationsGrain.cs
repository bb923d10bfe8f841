using GoChat.GrainInterfaces.Events;
using GoChat.Grains.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace GoChat.Grains.Users;

/// <summary>
/// A user's conversation list and cursors, split out of the user grain. Memberships and cursors are rows of
/// gochat_cursors, loaded with one query at activation; cursor changes go to the silo's <see cref="CursorWriter"/>,
/// so reading a conversation costs a coalesced row update instead of rewriting a 2,000-entry state.
/// </summary>
[GrainType("user-conversations")]
public sealed class UserConversationsGrain(
    [PersistentState("user-conversations")] IPersistentState<UserConversationsState> state,
    CursorStore store,
    ChatPreferenceStore preferences,
    CursorWriter writer,
    ConversationListQuery query,
    ILogger<UserConversationsGrain> logger) : Grain, IUserConversationsGrain
{
    private readonly Dictionary<Guid, ListedConversation> _list = [];
    private bool _sharesRead = true;
    /// <summary>Cursors were queued since the last query: the writer stores them first, so the list counts from them.</summary>
    private bool _queued;

    private Guid Id => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Both interleave, so this works while the user grain (visibility) or the profile grain (settings) waits on this one.
        var seeding = GrainFactory.GetGrain<IUserGrain>(Id).GetConversationListSeed();
        var settings = GrainFactory.GetGrain<IProfileGrain>(Id).GetSettings();
        await Task.WhenAll(seeding, settings);
        var seed = await seeding;
        _sharesRead = (await settings).ReadReceipts;
        // A list kept in user state by an earlier release moves here once. Before any call is served here, so no join
        // or leave made through this grain can be overwritten by it; the flag keeps a copy the user grain failed to
        // forget from coming back later. An account with nothing to move writes nothing.
        if (!state.State.LegacyImported && seed.Legacy.Count > 0)
        {
            await store.Import(Id, seed.Legacy.Select(c => new ListedConversation(c.ConversationId, c.Kind, c.PeerUserId, c.JoinedSeq, c.DeliveredSeq, c.ReadSeq)).ToList(), _sharesRead);
            state.State.LegacyImported = true;
            await state.WriteStateAsync(cancellationToken);
            logger.LogInformation("Moved {Count} conversation(s) of {UserId} from user state to gochat_cursors", seed.Legacy.Count, Id);
            _ = GrainFactory.GetGrain<IUserGrain>(Id).ForgetLegacyConversations();
        }
        foreach (var c in await store.LoadList(Id)) _list[c.ConversationId] = c;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_queued) await writer.FlushAsync();
    }

    public async Task<ConversationPage> GetPage(string? cursor, int limit)
    {
        var after = PageKey.Decode(cursor);
        await StoreQueuedCursors();
        var (page, next) = await query.Page(Id, after, Math.Clamp(limit, 1, Limits.MaxConversationPage));
        return new ConversationPage(page, next?.Encode());
    }

    public Task<IReadOnlyList<ConversationHead>> GetHeads() => query.Heads(Id);

    public async Task JoinedConversation(Guid conversationId, ConversationKind kind, long joinedSeq, Guid? peerUserId)
    {
        if (_list.TryGetValue(conversationId, out var existing) && existing.JoinedSeq == joinedSeq) return;
        var joined = new ListedConversation(conversationId, kind, peerUserId, joinedSeq, joinedSeq, joinedSeq);
        await store.Joined(Id, joined, _sharesRead);
        _list[conversationId] = joined;
        PublishEvent(new UserEvent(Added: conversationId, JoinedSeq: joinedSeq));
    }

    public async Task LeftConversation(Guid conversationId)
    {
        if (await Find(conversationId) is null) return;
        await store.Left(Id, conversationId);
        _list.Remove(conversationId);
        PublishEvent(new UserEvent(Removed: conversationId));
    }

    public async Task MarkCursors(Guid conversationId, long deliveredSeq, long readSeq)
    {
        // Not "not a member": the conversation's existence is not the caller's to learn.
        var c = await Find(conversationId) ?? throw GoChatException.NotFound();
        if (deliveredSeq < 0 || readSeq < 0) throw GoChatException.Invalid("Cursors cannot be negative.");
        var delivered = Math.Max(Math.Max(deliveredSeq, readSeq), c.DeliveredSeq);
        var read = Math.Max(readSeq, c.ReadSeq);
        if (delivered == c.DeliveredSeq && read == c.ReadSeq) return;
        _list[conversationId] = c with { DeliveredSeq = delivered, ReadSeq = read };
        writer.Enqueue(Id, conversationId, delivered, read);
        _queued = true;
        // A channel's readers are counted from these rows when its admins ask, never told to it one by one.
        if (c.Kind == ConversationKind.Channel) return;
        // The conversation clamps to its own last seq and publishes the receipt; we do not wait on it.
        await GrainFactory.GetGrain<IConversationGrain>(conversationId).UpdateCursors(Id, delivered, read, _sharesRead);
    }

    /// <summary>
    /// One UPDATE for every conversation, and no call to any of them: a conversation that is active learns the
    /// setting with the user's next cursor update there (each carries it), one that activates later from the table.
    /// </summary>
    public async Task SetReadReceipts(bool share)
    {
        // Always: this grain may have activated during the change and read the new setting already.
        await store.SetSharesRead(Id, share);
        _sharesRead = share;
    }

    public async Task<ChatPreferences> Mute(Guid conversationId, DateTimeOffset? until)
    {
        await RequireMember(conversationId);
        return Published(await preferences.Mute(Id, conversationId, until));
    }

    public async Task<ChatPreferences> Pin(Guid conversationId, bool pinned)
    {
        await RequireMember(conversationId);
        // This grain runs one call at a time, so the count the statement checks cannot change under it.
        var changed = await preferences.Pin(Id, conversationId, pinned)
            ?? throw new GoChatException(ErrorCodes.TooManyPins, $"At most {Limits.MaxPinnedChats} chats can be pinned.");
        return Published(changed);
    }

    public async Task<ChatPreferences> Archive(Guid conversationId, bool archived)
    {
        await RequireMember(conversationId);
        return Published(await preferences.Archive(Id, conversationId, archived));
    }

    private async Task RequireMember(Guid conversationId)
    {
        if (await Find(conversationId) is null) throw GoChatException.NotFound();
    }

    /// <summary>
    /// The list's row for the conversation. A mandatory channel enrols its audience with one statement, past this grain:
    /// a row this activation has not seen is looked for in the table before the user is told it is not theirs.
    /// </summary>
    private async Task<ListedConversation?> Find(Guid conversationId)
    {
        if (_list.TryGetValue(conversationId, out var c)) return c;
        if (!ConversationIds.IsChannel(conversationId) || await store.LoadOne(Id, conversationId) is not { } row) return null;
        _list[conversationId] = row;
        return row;
    }

    /// <summary>Every device of the user moves the chat, this one included (it learns the stored value, not its guess).</summary>
    private ChatPreferences Published(ChatPreferences? changed)
    {
        // A member's row exists while they are one; gone between the check and the update means they just left.
        if (changed is null) throw GoChatException.NotFound();
        PublishEvent(new UserEvent(Preferences: changed));
        return changed;
    }

    public async Task<bool> IsMember(Guid conversationId) => await Find(conversationId) is not null;

    private async Task StoreQueuedCursors()
    {
        if (!_queued) return;
        _queued = false;
        await writer.FlushAsync();
    }

    /// <summary>The one way this grain reaches the user's devices: through the presence grain, which holds the attached gateways.</summary>
    private void PublishEvent(UserEvent evt) => _ = GrainFactory.GetGrain<IPresenceGrain>(Id).Publish(evt);
}
