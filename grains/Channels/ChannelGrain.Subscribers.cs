using Microsoft.Extensions.Logging;

namespace GoChat.Grains.Channels;

/// <summary>Who reads a channel: subscribing, leaving, enrolment, and how far each broadcast has reached them.</summary>
public sealed partial class ChannelGrain
{
    public async Task<ChannelInfo> Join(Guid user)
    {
        RequireExists();
        if (!await IsSubscriber(user))
        {
            await RequireInAudience(user);
            await Listed(user, _lastSeq);
        }
        return await Info(user);
    }

    public async Task Leave(Guid user)
    {
        RequireExists();
        if (!await IsSubscriber(user)) throw GoChatException.NotFound();
        if (S.Mandatory) throw new GoChatException(ErrorCodes.ChannelMandatory, "This channel is mandatory for its audience: it cannot be left.");
        await GrainFactory.GetGrain<IUserConversationsGrain>(user).LeftConversation(Id);
        _subscribers.Remove(user);
    }

    public async Task Enrol(Guid user)
    {
        RequireExists();
        if (!S.Mandatory || await IsSubscriber(user)) return;
        if (await InAudience(user) is not null) await Listed(user, _lastSeq);
    }

    public async Task<IReadOnlyList<Guid>> SubscribersAmong(IReadOnlyList<Guid> users)
    {
        RequireExists();
        if (users is null || users.Count == 0) return [];
        if (users.Count > Limits.MaxSubscriberQuery) throw GoChatException.Invalid($"Ask about at most {Limits.MaxSubscriberQuery} users at once.");
        var found = await channels.SubscribersAmong(Id, users);
        foreach (var user in found) Remember(user);
        return found;
    }

    public async Task<BroadcastStats> GetStats(Guid actor, long seq)
    {
        RequireExists();
        await RequireManager(actor);
        var entry = seq >= 1 && seq <= _pipeline.PublishedSeq ? await log.Get(Id, seq) : null;
        if (entry?.Broadcast is null) throw new GoChatException(ErrorCodes.MessageNotFound, "No such broadcast.");
        var (subscribers, delivered, read) = await channels.Reach(Id, seq);
        // Who has not read it only where reading is an obligation: an optional channel's readers are counted, never named.
        var notRead = S.Mandatory ? await channels.NotRead(Id, seq, Limits.MaxUnreadNames) : null;
        return new BroadcastStats(Id, seq, subscribers, delivered, read, notRead);
    }

    public async Task<long> RemindUnread(Guid actor, long seq)
    {
        var stats = await GetStats(actor, seq);
        if (!S.Mandatory) throw new GoChatException(ErrorCodes.Forbidden, "Reminders are for mandatory channels, where reading is an obligation.");
        var unread = stats.Subscribers - stats.Read;
        if (unread > 0) pushes.Remind(Id, actor, seq);
        logger.LogInformation("{ActorId} reminded {Count} subscriber(s) of {ChannelId} to read {Seq}", actor, unread, Id, seq);
        return unread;
    }

    /// <summary>Puts the channel in the user's list (a row of gochat_cursors), from <paramref name="seq"/> on for unread counts; the whole history stays readable.</summary>
    private async Task Listed(Guid user, long seq)
    {
        await GrainFactory.GetGrain<IUserConversationsGrain>(user).JoinedConversation(Id, ConversationKind.Channel, seq, null);
        Remember(user);
    }

    private async Task<bool> IsSubscriber(Guid user)
    {
        if (_subscribers.Contains(user)) return true;
        if (!await channels.IsSubscribed(Id, user)) return false;
        Remember(user);
        return true;
    }

    private void Remember(Guid user)
    {
        if (_subscribers.Count < RememberedSubscribers) _subscribers.Add(user);
    }

    private async Task RequireSubscriber(Guid user)
    {
        if (!Exists || !await IsSubscriber(user)) throw GoChatException.NotFound();
    }

    /// <summary>The account when the user is staff of an agency in the audience, otherwise null.</summary>
    private async Task<AccountInfo?> InAudience(Guid user)
    {
        var account = await GrainFactory.GetGrain<IUserGrain>(user).GetAccount();
        if (account is not { Status: AccountStatus.Active, IsExternal: false }) return null;
        var inIt = S.Audience switch
        {
            ChannelAudience.Everyone => true,
            ChannelAudience.Agencies => account.AgencyId is { } a && S.Agencies.Contains(a),
            _ => account.AgencyId == S.AgencyId,
        };
        return inIt ? account : null;
    }

    private async Task RequireInAudience(Guid user)
    {
        if (await InAudience(user) is null) throw GoChatException.NotFound();
    }
}
