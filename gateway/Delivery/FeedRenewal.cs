using GoChat.GrainInterfaces;

namespace GoChat.Gateway.Delivery;

/// <summary>
/// Renews this gateway's conversation subscriptions at a third of their lease, so two renewals can fail
/// before a conversation forgets the gateway; each renewal also catches up anything lost at the tail.
/// </summary>
public sealed class FeedRenewal(ConversationFeeds feeds, ILogger<FeedRenewal> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = Limits.FeedLease / 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await feeds.RenewAll(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Renewing conversation subscriptions failed; trying again in {Interval}", Interval);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }
}
