using Orleans.Concurrency;

namespace GoChat.Grains.Channels;

/// <summary>Searches gochat_channels for a viewer: one query, no call to any channel.</summary>
[StatelessWorker]
[GrainType("channel-directory")]
public sealed class ChannelDirectoryGrain(ChannelStore channels) : Grain, IChannelDirectoryGrain
{
    public async Task<IReadOnlyList<ChannelListing>> Search(Guid viewer, string? text)
    {
        var query = TextRules.Optional(text, Limits.MaxChannelNameLength, "A search term") ?? "";
        var account = await GrainFactory.GetGrain<IUserGrain>(viewer).GetAccount();
        // External users are no channel's audience.
        if (account is not { Status: AccountStatus.Active, IsExternal: false }) return [];
        var found = await channels.Search(viewer, account.AgencyId, query, Limits.MaxChannelSearchResults);
        return found.Select(f => new ChannelListing(f.Row.Id, f.Row.AgencyId, f.Row.Name, f.Row.Description, f.Row.Audience, f.Row.Mandatory, f.Subscribed, f.PhotoVersion)).ToList();
    }
}
