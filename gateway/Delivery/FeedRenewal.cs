using GoChat.GrainInterfaces;
using Microsoft.Extensions.Options;

namespace GoChat.Gateway.Delivery;

/// <summary>
/// Renews this gateway's leases (conversation feeds, user attachments, presence watches, channel news) at a third of the lease,
/// so two renewals can fail before anything lapses; each renewal also catches up anything lost at the tail.
/// When the cluster's membership changes (<see cref="Nudge"/>: a silo died or left, and the grains it held come
/// back elsewhere without subscribers) it renews at once, and retries every second until every renewal succeeds.
/// </summary>
public sealed class FeedRenewal(
    ConversationFeeds conversations,
    UserFeeds users,
    PresenceFeeds presence,
    ChannelNews channelNews,
    IOptions<LeaseOptions> leases,
    ILogger<FeedRenewal> logger) : BackgroundService
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _nudged = new(0, 1);

    /// <summary>Renew now: the cluster changed.</summary>
    public void Nudge()
    {
        try
        {
            _nudged.Release();
        }
        catch (SemaphoreFullException)
        {
            // A renewal is already due.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = leases.Value.RenewEvery;
        var retrying = false;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await _nudged.WaitAsync(retrying ? RetryEvery : interval, stoppingToken);
                var ok = await RenewAll(stoppingToken);
                if (!ok && !retrying) logger.LogWarning("Some renewals failed; retrying every {Retry}", RetryEvery);
                else if (ok && retrying) logger.LogInformation("Every lease renewed again");
                retrying = !ok;
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    private async Task<bool> RenewAll(CancellationToken cancellationToken)
    {
        try
        {
            var results = await Task.WhenAll(conversations.RenewAll(cancellationToken), users.RenewAll(cancellationToken), presence.RenewAll(cancellationToken), channelNews.Renew());
            return results.All(ok => ok);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Renewing leases failed");
            return false;
        }
    }
}
