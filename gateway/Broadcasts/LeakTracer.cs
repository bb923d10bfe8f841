using GoChat.Broadcasts.Marks;
using GoChat.GrainInterfaces;

namespace GoChat.Gateway.Broadcasts;

/// <summary>
/// Names the recipient of a leaked copy from the marks recovered from it. A mark's hint picks the agency's broadcasts it
/// can belong to; its 64-bit MAC is then compared with every person that broadcast can have reached. A wrong person
/// matches one comparison with chance 2⁻⁶⁴ (HMAC-SHA256 under a secret no client holds), so the bound on naming
/// anyone wrongly is the number of comparisons times 2⁻⁶⁴, reported with every answer; nothing else is ever named.
/// </summary>
public sealed class LeakTracer(IGrainFactory grains, DeliveryMarking marking)
{
    public async Task<LeakTrace> Trace(Guid actor, Guid agencyId, IReadOnlyList<DeliveryMark> recovered, string method)
    {
        var store = grains.GetGrain<ILeakTraceGrain>(0);
        var broadcasts = await store.MarkedBroadcasts(actor, agencyId);
        var byHint = broadcasts.ToLookup(b => marking.Marks.HintOf(b.BroadcastId));
        var recipientsOf = new Dictionary<Guid, IReadOnlyList<Guid>>();
        var hits = new Dictionary<(Guid Broadcast, Guid User), int>();
        long comparisons = 0;
        var marks = recovered.Distinct().ToList();
        foreach (var mark in marks)
        {
            foreach (var b in byHint[mark.BroadcastHint])
            {
                if (!recipientsOf.TryGetValue(b.ChannelId, out var people)) recipientsOf[b.ChannelId] = people = await store.PossibleRecipients(actor, b.ChannelId);
                foreach (var user in people)
                {
                    comparisons++;
                    if (marking.Marks.Matches(mark, b.BroadcastId, user)) hits[(b.BroadcastId, user)] = hits.GetValueOrDefault((b.BroadcastId, user)) + 1;
                }
            }
        }
        var bound = comparisons * Math.Pow(2, -64);
        if (hits.Count == 0)
        {
            var nothing = marks.Count == 0 ? "No mark was found in it." : "Its marks name no broadcast of this agency.";
            await store.Record(actor, agencyId, null, $"{method}: nothing found ({marks.Count} mark(s) read)");
            return new LeakTrace(false, method, null, [], marks.Count, bound, nothing);
        }
        var best = hits.OrderByDescending(h => h.Value).First().Key.Broadcast;
        var broadcast = broadcasts.First(b => b.BroadcastId == best);
        var people2 = await Task.WhenAll(hits.Where(h => h.Key.Broadcast == best).OrderByDescending(h => h.Value).Select(async h =>
        {
            var account = await grains.GetGrain<IUserGrain>(h.Key.User).GetAccount();
            return new LeakRecipient(h.Key.User, account?.DisplayName, account?.Email, h.Value);
        }));
        await store.Record(actor, agencyId, people2[0].UserId,
            $"{method}: {broadcast.ChannelId}#{broadcast.Seq} ({broadcast.Level}) -> {string.Join(", ", people2.Select(p => p.UserId))}");
        var message = people2.Length == 1 ? "The copy is this person's." : "The copy combines the copies of several people.";
        return new LeakTrace(true, method, broadcast, people2, marks.Count, bound, message);
    }
}
