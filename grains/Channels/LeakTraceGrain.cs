using GoChat.Grains.Identity;
using Orleans.Concurrency;

namespace GoChat.Grains.Channels;

[StatelessWorker]
[GrainType("leak-trace")]
public sealed class LeakTraceGrain(LeakStore store, AuditStore audit) : Grain, ILeakTraceGrain
{
    public async Task<IReadOnlyList<MarkedBroadcast>> MarkedBroadcasts(Guid actor, Guid agencyId)
    {
        await Authorize.AdminOf(GrainFactory, actor, agencyId);
        return await store.MarkedBroadcasts(agencyId);
    }

    public async Task<IReadOnlyList<Guid>> PossibleRecipients(Guid actor, Guid channelId)
    {
        var agency = await store.AgencyOf(channelId) ?? throw GoChatException.NotFound();
        await Authorize.AdminOf(GrainFactory, actor, agency);
        return await store.PossibleRecipients(channelId);
    }

    public async Task Record(Guid actor, Guid agencyId, Guid? recipient, string details)
    {
        await Authorize.AdminOf(GrainFactory, actor, agencyId);
        await audit.Append(AuditActions.LeakTraced, agencyId, actor, recipient, details);
    }
}
