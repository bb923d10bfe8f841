using GoChat.Grains.Conversations;
using GoChat.Grains.Identity;
using GoChat.Grains.Storage;
using GoChat.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace GoChat.Grains.Channels;

/// <summary>
/// Owns an official channel's settings, admins and sequence numbers. Like a conversation, its <see cref="EntryPipeline"/>
/// stores each broadcast, acks the admin once it is durable and sends it to every subscribed gateway; unlike one, its
/// subscribers are never in memory as a list: they are the channel's rows of gochat_cursors, asked one at a time (and
/// remembered) when a subscriber reads, and counted by the table for read statistics.
/// </summary>
[GrainType("channel")]
public sealed partial class ChannelGrain(
    [PersistentState("channel")] IPersistentState<ChannelState> state,
    IMessageLog log,
    ChannelStore channels,
    ReactionStore reactionStore,
    AuditStore audit,
    GoChatMetrics metrics,
    IOptions<MessageLogOptions> logOptions,
    IOptions<LeaseOptions> leases,
    IOptions<BroadcastOptions> broadcastOptions,
    BroadcastSigner signer,
    Push.PushQueue pushes,
    Files.AttachmentFiles files,
    Pictures.ConversationPhotoStore photos,
    ILogger<ChannelGrain> logger) : Grain, IChannelGrain
{
    /// <summary>Subscribers this activation has seen in the table: at most this many are remembered (a 100,000-member channel's readers fit).</summary>
    private const int RememberedSubscribers = 200_000;

    private readonly HashSet<Guid> _subscribers = [];
    private EntryPipeline _pipeline = null!;
    private RecentSends _sends = null!;
    private ReactionBook _reactions = null!;
    private long _lastSeq;
    private long _activatedAt;

    private ChannelState S => state.State;
    private bool Exists => S.CreatedAt != default;
    private Guid Id => this.GetPrimaryKey();
    private BroadcastOptions Levels => broadcastOptions.Value;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        log.Reopen(Id);
        _pipeline = new EntryPipeline(Id, log, leases.Value.Lease, metrics, logger, this.DeactivateOnIdle)
        {
            Published = m => { if (m.Kind == MessageKind.Text) pushes.Offer(m.ConversationId, m.SenderId); },
        };
        _lastSeq = _activatedAt = await log.GetLastSeq(Id);
        _pipeline.StartAt(_lastSeq);
        _sends = new RecentSends(Id, log, logOptions.Value.DedupeWindow);
        _reactions = new ReactionBook(Id, reactionStore, () => _pipeline.PublishedSeq);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_pipeline is not null) await _pipeline.Close();
    }

    public async Task<ChannelInfo> Create(Guid actor, Guid agencyId, NewChannel channel)
    {
        if (!ConversationIds.IsChannel(Id)) throw GoChatException.Invalid("A channel needs a channel id.");
        if (channel is null) throw GoChatException.Invalid("A channel is required.");
        var name = TextRules.Required(channel.Name, Limits.MaxChannelNameLength, "A channel name");
        var description = TextRules.Optional(channel.Description, Limits.MaxChannelDescriptionLength, "A channel description");
        if (!Enum.IsDefined(channel.Audience)) throw GoChatException.Invalid("Unknown audience.");
        var others = channel.Audience == ChannelAudience.Agencies ? (channel.Agencies ?? []).Where(a => a != agencyId).Distinct().ToList() : [];
        if (others.Count > Limits.MaxAudienceAgencies) throw GoChatException.Invalid($"An audience names at most {Limits.MaxAudienceAgencies} agencies.");
        if (channel.Audience == ChannelAudience.Agencies && others.Count == 0) throw GoChatException.Invalid("Name the other agencies of the audience.");
        var admin = await Authorize.AdminOf(GrainFactory, actor, agencyId);
        if (Exists) throw new GoChatException(ErrorCodes.AlreadyExists, "This channel already exists.");
        await RequireAgencies([agencyId, .. others]);

        var now = DateTimeOffset.UtcNow;
        S.AgencyId = agencyId;
        S.Name = name;
        S.Description = description;
        S.Audience = channel.Audience;
        S.Agencies = channel.Audience == ChannelAudience.Agencies ? [agencyId, .. others] : [];
        S.Mandatory = channel.Mandatory;
        S.Admins = [actor];
        S.CreatedAt = now;
        // The directory row first: the entry and the state follow; a failure between them leaves a row the retry finds.
        await channels.Insert(new ChannelRow(Id, agencyId, name, description, S.Audience, S.Agencies, S.Mandatory, actor, now));
        var created = NextEntry(actor, MessageKind.Created, name);
        await _pipeline.Commit(() => state.WriteStateAsync(), [created]);
        if (S.Mandatory)
        {
            var enrolled = await channels.EnrolAudience(Id, created.Seq);
            logger.LogInformation("Channel {ChannelId} of {AgencyId} enrolled {Count} subscriber(s)", Id, agencyId, enrolled);
            // Its online subscribers see it now, not at their next sign-in: one word to every gateway, which asks for its own users.
            try
            {
                await GrainFactory.GetGrain<IChannelNewsGrain>(0).Opened(Id, created.Seq);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Telling the gateways that {ChannelId} opened failed; its subscribers list it at their next sync", Id);
            }
        }
        // The creator sees it in their list whatever the audience (a platform admin of another agency too).
        await Listed(actor, created.Seq);
        await audit.Append(AuditActions.ChannelCreated, agencyId, actor, Id, $"{name} ({S.Audience}{(S.Mandatory ? ", mandatory" : "")}) by {admin.DisplayName}");
        return await Info(actor);
    }

    public async Task<ChannelInfo> GetInfo(Guid requester)
    {
        RequireExists();
        await RequireVisible(requester);
        return await Info(requester);
    }

    public async Task<ChannelInfo> SetAdmin(Guid actor, Guid user, bool admin)
    {
        RequireExists();
        await RequireManager(actor);
        if (admin == S.Admins.Contains(user)) return await Info(actor);
        if (admin)
        {
            var account = await GrainFactory.GetGrain<IUserGrain>(user).GetAccount();
            if (account is not { Status: AccountStatus.Active, IsExternal: false } || account.AgencyId != S.AgencyId)
            {
                throw new GoChatException(ErrorCodes.Forbidden, "A channel's admins are staff of the agency that owns it.");
            }
            if (S.Admins.Count >= Limits.MaxChannelAdmins) throw GoChatException.Invalid($"A channel has at most {Limits.MaxChannelAdmins} admins.");
            S.Admins.Add(user);
            await state.WriteStateAsync();
            await Listed(user, _lastSeq);
        }
        else
        {
            if (S.Admins.Count == 1) throw GoChatException.Invalid("A channel keeps at least one admin.");
            S.Admins.Remove(user);
            await state.WriteStateAsync();
        }
        await audit.Append(admin ? AuditActions.ChannelAdminAdded : AuditActions.ChannelAdminRemoved, S.AgencyId, actor, user, S.Name);
        return await Info(actor);
    }

    private async Task<ChannelInfo> Info(Guid requester) => new(Id, S.AgencyId, S.Name, S.Description, S.Audience, S.Agencies, S.Mandatory,
        [.. S.Admins], _lastSeq, S.CreatedAt, S.Admins.Contains(requester), await IsSubscriber(requester),
        S.Admins.Contains(requester) ? await channels.CountSubscribers(Id) : 0, S.PhotoVersion);

    private ChatMessage NextEntry(Guid sender, MessageKind kind, string? text, string? clientId = null, long? target = null)
    {
        if (_pipeline.Broken) throw new GoChatException(ErrorCodes.Unavailable, "The channel is recovering; try again.");
        return new ChatMessage(Id, ++_lastSeq, sender, kind, text, clientId, null, target, null, DateTimeOffset.UtcNow);
    }

    private void RequireExists()
    {
        if (!Exists) throw GoChatException.NotFound();
    }

    /// <summary>Who may change the channel: its admins, and the owning agency's admins (who may have to take it over).</summary>
    private async Task RequireManager(Guid actor)
    {
        if (S.Admins.Contains(actor)) return;
        try
        {
            await Authorize.AdminOf(GrainFactory, actor, S.AgencyId);
        }
        catch (GoChatException e) when (e.Code == ErrorCodes.Forbidden)
        {
            await RequireVisible(actor);
            throw;
        }
    }

    /// <summary>Outside its audience (and not in it otherwise), a channel is as absent as a chat one is not in.</summary>
    private async Task RequireVisible(Guid user)
    {
        if (!await IsSubscriber(user) && !S.Admins.Contains(user) && await InAudience(user) is null) throw GoChatException.NotFound();
    }

    private async Task RequireAgencies(IEnumerable<Guid> agencies)
    {
        var found = await Task.WhenAll(agencies.Select(a => GrainFactory.GetGrain<IAgencyGrain>(a).GetInfo()));
        if (found.Any(a => a is null)) throw new GoChatException(ErrorCodes.AgencyNotFound, "An agency of the audience does not exist.");
    }
}
