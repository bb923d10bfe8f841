using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoChat.Grains.Push;

/// <summary>
/// Turns new-message notices into Web Push requests, off the message path: it drains the <see cref="PushQueue"/> in
/// batches, finds the subscribed members of those conversations with one query, keeps those who are offline, whose
/// agency allows Web Push and who have notifications on, takes their push slot (one per user per interval, cluster
/// wide) and sends the fixed content-free payload to each of their subscriptions. A subscription the push service
/// calls gone (404, 410) is deleted.
/// </summary>
public sealed class PushDispatcher(
    PushQueue queue,
    PushSubscriptionStore store,
    VapidKeys vapid,
    PushSender sender,
    PushMetrics metrics,
    IGrainFactory grains,
    IOptions<WebPushOptions> options,
    ILogger<PushDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = queue.Reader;
        var batchSize = options.Value.BatchSize;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                var batch = new HashSet<PushNotice>();
                while (batch.Count < batchSize && reader.TryRead(out var notice)) batch.Add(notice);
                try
                {
                    await Dispatch(batch, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // These notifications are lost; the messages are not, and the next batch tries again.
                    logger.LogWarning(ex, "Web Push for a batch of {Count} new messages failed", batch.Count);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task Dispatch(IReadOnlyCollection<PushNotice> batch, CancellationToken cancellationToken)
    {
        if (await vapid.Get() is not { } keys) return;
        var interval = TimeSpan.FromSeconds(options.Value.MinIntervalSeconds);
        var candidates = await store.Candidates(batch, interval);
        metrics.Candidates(candidates.Count);
        if (candidates.Count == 0) return;

        var agencies = new Dictionary<Guid, Task<bool>>();
        var checks = await Task.WhenAll(candidates.Select(u => Eligible(u, agencies)));
        var eligible = candidates.Where((_, i) => checks[i]).ToList();
        if (eligible.Count == 0) return;

        var claimed = await store.Claim(eligible, interval);
        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = cancellationToken },
            async (subscription, ct) =>
            {
                var outcome = await sender.Send(subscription, keys, ct);
                metrics.Sent(outcome.ToString().ToLowerInvariant());
                if (outcome == PushOutcome.Gone)
                {
                    await store.Delete(subscription.Id);
                    logger.LogInformation("Deleted a Web Push subscription of {UserId}: the push service says it is gone", subscription.UserId);
                }
            });
        if (claimed.Count > 0) logger.LogDebug("Sent {Count} Web Push request(s) for {Messages} new message(s)", claimed.Count, batch.Count);
    }

    /// <summary>No connected device, an active account of an agency that opted in, notifications on.</summary>
    private async Task<bool> Eligible(Guid user, Dictionary<Guid, Task<bool>> agencies)
    {
        var presence = grains.GetGrain<IPresenceGrain>(user).GetPresence();
        var account = grains.GetGrain<IUserGrain>(user).GetAccount();
        var settings = grains.GetGrain<IProfileGrain>(user).GetSettings();
        await Task.WhenAll(presence, account, settings);
        if (presence.Result.Status != PresenceStatus.Offline || !settings.Result.Notifications) return false;
        if (account.Result is not { Status: AccountStatus.Active, AgencyId: { } agency }) return false;
        Task<bool> allows;
        lock (agencies)
        {
            if (!agencies.TryGetValue(agency, out allows!)) agencies[agency] = allows = grains.GetGrain<IAgencyGrain>(agency).AllowsWebPush();
        }
        return await allows;
    }
}
