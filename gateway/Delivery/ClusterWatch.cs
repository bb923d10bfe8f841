using GoChat.Gateway.Orleans;
using Microsoft.Extensions.Options;

namespace GoChat.Gateway.Delivery;

/// <summary>
/// Watches which silos are active. When the set changes (one died, left or joined), grains may have come back
/// on another silo with no subscribers; <see cref="FeedRenewal"/> renews every lease at once instead of waiting
/// for its next round, so live delivery resumes as soon as the cluster has declared the silo dead. When one left, it
/// also signals <see cref="SiloLoss"/>, so hub calls stuck on it run again at once.
/// </summary>
public sealed class ClusterWatch(IClusterClient cluster, FeedRenewal renewal, SiloLoss loss, IOptions<ClusterClientOptions> options, ILogger<ClusterWatch> logger) : BackgroundService
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.ClusterWatchSeconds));
        HashSet<string>? known = null;
        var unanswered = false;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    // The management grain may itself have been on the silo that died: do not wait for the response timeout.
                    var hosts = await cluster.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(Timeout, stoppingToken);
                    var active = hosts.Keys.Select(s => s.ToString()).ToHashSet();
                    if (known is not null && !known.SetEquals(active))
                    {
                        logger.LogInformation("Active silos changed from {Before} to {After}; renewing subscriptions now", known.Count, active.Count);
                        // Calls that went out while the dead silo still counted as active (during the unanswered reads
                        // too) wait for it until their response timeout: cut them now that it is declared dead.
                        if (!known.IsSubsetOf(active)) loss.Signal();
                        renewal.Nudge();
                    }
                    else if (unanswered)
                    {
                        renewal.Nudge();
                    }
                    known = active;
                    unanswered = false;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // No silo answered in time: the cluster is changing. The set last read stays the one to compare
                    // with, so that the death declared later is still seen as a change.
                    if (!unanswered)
                    {
                        logger.LogInformation("Reading the active silos failed ({Error}); renewing subscriptions", ex.GetType().Name);
                        if (known is not null) loss.Signal();
                        renewal.Nudge();
                    }
                    unanswered = true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }
}
