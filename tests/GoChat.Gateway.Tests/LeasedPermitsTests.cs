using GoChat.Gateway.Orleans;
using GoChat.Gateway.RateLimiting;
using Microsoft.Extensions.Logging.Abstractions;

namespace GoChat.Gateway.Tests;

/// <summary>
/// The cluster-wide budget is asked through one grain; when that grain was on a silo that died, the call is never
/// answered (until the response timeout). A send must not wait for it.
/// </summary>
public sealed class LeasedPermitsTests
{
    private static readonly RateRule Rule = new(10, 50);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_budget_that_never_answers_holds_a_send_no_longer_than_the_lease_wait()
    {
        var grain = new SilentBudget();
        var permits = new LeasedPermits(grain, TimeProvider.System, new SiloLoss(), NullLogger.Instance);

        var wait = await permits.TryTake(Rule, 5, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(200)).AsTask().WaitAsync(Bound);

        Assert.Equal(TimeSpan.Zero, wait);
        Assert.Equal(1, grain.Asked);
    }

    [Fact]
    public async Task A_silo_leaving_releases_every_send_waiting_on_the_lease_at_once()
    {
        var grain = new SilentBudget();
        var loss = new SiloLoss();
        var permits = new LeasedPermits(grain, TimeProvider.System, loss, NullLogger.Instance);

        var waiting = Enumerable.Range(0, 3)
            .Select(_ => permits.TryTake(Rule, 5, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1)).AsTask())
            .ToArray();
        await Eventually.Until(() => Task.FromResult(grain.Asked == 1), "the lease asked for");
        Assert.All(waiting, t => Assert.False(t.IsCompleted));

        loss.Signal();
        var waits = await Task.WhenAll(waiting).WaitAsync(Bound);

        Assert.All(waits, w => Assert.Equal(TimeSpan.Zero, w));
        Assert.Equal(1, grain.Asked);
    }

    [Fact]
    public async Task A_budget_that_answers_in_time_is_obeyed()
    {
        var permits = new LeasedPermits(new EmptyBudget(), TimeProvider.System, new SiloLoss(), NullLogger.Instance);

        var wait = await permits.TryTake(Rule, 5, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)).AsTask().WaitAsync(Bound);

        Assert.True(wait > TimeSpan.Zero);
    }

    /// <summary>A budget grain on a silo that died: asked, never answers.</summary>
    private sealed class SilentBudget : IRateLimitGrain
    {
        private int _asked;
        public int Asked => Volatile.Read(ref _asked);

        public Task<PermitLease> Lease(RateRule rule, int wanted, int returned)
        {
            Interlocked.Increment(ref _asked);
            return new TaskCompletionSource<PermitLease>().Task;
        }
    }

    private sealed class EmptyBudget : IRateLimitGrain
    {
        public Task<PermitLease> Lease(RateRule rule, int wanted, int returned) => Task.FromResult(new PermitLease(0, TimeSpan.FromSeconds(5)));
    }
}
