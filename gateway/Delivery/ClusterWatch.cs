using GoChat.Gateway.Orleans;
using Microsoft.Extensions.Options;

namespace GoChat.Gateway.Delivery;

/// <summary>
/// Watches which silos are active. When the set changes (one died, left or joined), grains may have come back
/// on another silo with no subscribers; <see cref="FeedRenewal"/> renews every lease at once instead of waiting
/// for its next round, so live delivery resumes as soon as the cluster has declared the silo dead.
/// </summary>
public sealed class ClusterWatch(IClusterClient cluster, FeedRenewal renewal, IOptions<ClusterClientOptions> options, ILogger<ClusterWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.ClusterWatchSeconds));
        HashSet<string>? known = null;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var hosts = await cluster.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
                    var active = hosts.Keys.Select(s => s.ToString()).ToHashSet();
                    if (known is not null && !known.SetEquals(active))
                    {
                        logger.LogInformation("Active silos changed from {Before} to {After}; renewing subscriptions now", known.Count, active.Count);
                        renewal.Nudge();
                    }
                    known = active;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // No silo answered: the cluster is changing. Renew as soon as it answers again.
                    logger.LogDebug(ex, "Reading the active silos failed");
                    known = null;
                    renewal.Nudge();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }
}
