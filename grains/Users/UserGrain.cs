using GoChat.GrainInterfaces.Events;
using GoChat.Grains.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace GoChat.Grains.Users;

/// <summary>
/// A user: profile, settings, conversation list and cursors (persisted), and presence across devices
/// (in memory: it is rebuilt by the connections themselves).
/// </summary>
[GrainType("user")]
public sealed class UserGrain(
    [PersistentState("user")] IPersistentState<UserState> state,
    IMessageLog log,
    ILogger<UserGrain> logger) : Grain, IUserGrain
{
    private readonly Dictionary<string, bool> _connections = []; // connection id -> away
    private IAsyncStream<UserEvent> _events = null!;
    private IAsyncStream<PresenceInfo> _presence = null!;
    private bool _cursorsDirty;

    private UserState S => state.State;
    private Guid Id => this.GetPrimaryKey();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var provider = this.GetStreamProvider(StreamNames.Provider);
        _events = provider.GetStream<UserEvent>(StreamId.Create(StreamNames.User, Id));
        _presence = provider.GetStream<PresenceInfo>(StreamId.Create(StreamNames.Presence, Id));
        this.RegisterGrainTimer(FlushCursors, new GrainTimerCreationOptions(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)) { Interleave = false });
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => FlushCursors(cancellationToken);

    public async Task<UserProfile> Register(string handle, string displayName)
    {
        if (S.Handle is null)
        {
            S.Handle = handle;
            S.DisplayName = displayName;
            S.CreatedAt = DateTimeOffset.UtcNow;
            await WriteState();
            logger.LogInformation("Registered user {UserId} as {Handle}", Id, handle);
        }
        return Profile()!;
    }

    public Task<UserProfile?> GetProfile() => Task.FromResult(Profile());

    public Task<UserSettings> GetSettings() => Task.FromResult(S.Settings);

    public async Task<UserSettings> UpdateSettings(UserSettings settings)
    {
        RequireRegistered();
        if (settings == S.Settings) return settings;
        var receiptsChanged = settings.ReadReceipts != S.Settings.ReadReceipts;
        S.Settings = settings;
        await WriteState();
        await Publish(new UserEvent(Settings: settings));
        if (receiptsChanged) await ShareReadReceiptsSetting();
        return settings;
    }

    /// <summary>
    /// Conversations show a member's read cursor only while both that member and the asker share read
    /// receipts; they learn the setting with each cursor update, so tell them now rather than at the next read.
    /// </summary>
    private Task ShareReadReceiptsSetting()
    {
        var share = S.Settings.ReadReceipts;
        return Task.WhenAll(S.Conversations.Select(async kv =>
        {
            try
            {
                await GrainFactory.GetGrain<IConversationGrain>(kv.Key).UpdateCursors(Id, kv.Value.DeliveredSeq, kv.Value.ReadSeq, share);
            }
            catch (Exception ex)
            {
                // The next read in that conversation carries the setting again.
                logger.LogWarning(ex, "Telling {ConversationId} about {UserId}'s read receipts setting failed", kv.Key, Id);
            }
        }).ToList());
    }

    public async Task<IReadOnlyList<ConversationSummary>> GetConversations()
    {
        var cursors = S.Conversations.Select(kv => (kv.Key, Math.Max(kv.Value.ReadSeq, kv.Value.JoinedSeq))).ToList();
        var digests = await log.Digest(Id, cursors);
        return S.Conversations
            .Select(kv =>
            {
                var d = digests.GetValueOrDefault(kv.Key);
                var last = d?.LastMessage;
                return new ConversationSummary(kv.Key, kv.Value.Kind, d?.Name, kv.Value.PeerUserId,
                    last?.Seq ?? 0, kv.Value.ReadSeq, d?.UnreadCount ?? 0, last);
            })
            .OrderByDescending(s => s.LastMessage?.SentAt ?? DateTimeOffset.MinValue)
            .ToList();
    }

    public async Task JoinedConversation(Guid conversationId, ConversationKind kind, long joinedSeq, Guid? peerUserId)
    {
        if (S.Conversations.TryGetValue(conversationId, out var existing) && existing.JoinedSeq == joinedSeq) return;
        S.Conversations[conversationId] = new UserConversationState { Kind = kind, PeerUserId = peerUserId, JoinedSeq = joinedSeq, DeliveredSeq = joinedSeq, ReadSeq = joinedSeq };
        await WriteState();
        await Publish(new UserEvent(Added: conversationId, JoinedSeq: joinedSeq));
    }

    public async Task LeftConversation(Guid conversationId)
    {
        if (!S.Conversations.Remove(conversationId)) return;
        await WriteState();
        await Publish(new UserEvent(Removed: conversationId));
    }

    public Task<bool> IsMemberOf(Guid conversationId) => Task.FromResult(S.Conversations.ContainsKey(conversationId));

    public async Task MarkCursors(Guid conversationId, long deliveredSeq, long readSeq)
    {
        if (!S.Conversations.TryGetValue(conversationId, out var c)) throw GoChatException.NotMember();
        if (deliveredSeq < 0 || readSeq < 0) throw GoChatException.Invalid("Cursors cannot be negative.");
        var delivered = Math.Max(Math.Max(deliveredSeq, readSeq), c.DeliveredSeq);
        var read = Math.Max(readSeq, c.ReadSeq);
        if (delivered == c.DeliveredSeq && read == c.ReadSeq) return;
        c.DeliveredSeq = delivered;
        c.ReadSeq = read;
        _cursorsDirty = true;
        // The conversation clamps to its own last seq and publishes the receipt; we do not wait on it.
        await GrainFactory.GetGrain<IConversationGrain>(conversationId).UpdateCursors(Id, delivered, read, S.Settings.ReadReceipts);
    }

    public async Task<PresenceInfo> Connect(string connectionId)
    {
        var before = Presence();
        _connections[connectionId] = false;
        return await PublishIfChanged(before);
    }

    public async Task<PresenceInfo> Disconnect(string connectionId)
    {
        var before = Presence();
        if (_connections.Remove(connectionId) && _connections.Count == 0)
        {
            S.LastSeen = DateTimeOffset.UtcNow;
            _cursorsDirty = true;
        }
        return await PublishIfChanged(before);
    }

    public async Task<PresenceInfo> SetAway(string connectionId, bool away)
    {
        var before = Presence();
        if (_connections.ContainsKey(connectionId)) _connections[connectionId] = away;
        if (away) S.LastSeen = DateTimeOffset.UtcNow;
        return await PublishIfChanged(before);
    }

    public Task<PresenceInfo> GetPresence() => Task.FromResult(Presence());

    private PresenceInfo Presence()
    {
        var status = _connections.Count == 0 ? PresenceStatus.Offline
            : _connections.Values.Any(away => !away) ? PresenceStatus.Online
            : PresenceStatus.Away;
        return new PresenceInfo(Id, status, status == PresenceStatus.Online ? null : S.LastSeen);
    }

    private async Task<PresenceInfo> PublishIfChanged(PresenceInfo before)
    {
        var now = Presence();
        if (now.Status != before.Status)
        {
            try
            {
                await _presence.OnNextAsync(now);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Publishing presence of {UserId} failed", Id);
            }
        }
        return now;
    }

    private async Task Publish(UserEvent evt)
    {
        try
        {
            await _events.OnNextAsync(evt);
        }
        catch (Exception ex)
        {
            // Devices resync their conversation list on every (re)connect, so a lost event heals there.
            logger.LogWarning(ex, "Publishing a user event for {UserId} failed", Id);
        }
    }

    private UserProfile? Profile() => S.Handle is null ? null : new UserProfile(Id, S.Handle, S.DisplayName ?? S.Handle);

    private void RequireRegistered()
    {
        if (S.Handle is null) throw new GoChatException(ErrorCodes.UserNotFound, "No such user.");
    }

    private async Task WriteState()
    {
        await state.WriteStateAsync();
        _cursorsDirty = false;
    }

    private async Task FlushCursors(CancellationToken cancellationToken)
    {
        if (!_cursorsDirty || S.Handle is null) return;
        _cursorsDirty = false;
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            _cursorsDirty = true;
            logger.LogWarning(ex, "Saving cursors of {UserId} failed; will retry", Id);
        }
    }
}
