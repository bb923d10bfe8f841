using GoChat.GrainInterfaces;
using GoChat.Gateway.Orleans;

namespace GoChat.Gateway.RateLimiting;

/// <summary>
/// This gateway's share of one cluster-wide budget (<see cref="IRateLimitGrain"/>): permits leased in small
/// batches (a share of the burst, so the user's other gateways find permits too) and spent here without a grain
/// call. A lease lapses after a short time, so permits saved up on a quiet gateway never add to a later burst; its
/// unspent permits go back with the next lease. Once the grain has none to give, calls are refused here until the
/// next permit refills, without asking again: a flood costs the cluster one grain call per refill, not per call.
/// </summary>
internal sealed class LeasedPermits(IRateLimitGrain grain, TimeProvider time, SiloLoss loss, ILogger logger)
{
    private readonly Lock _gate = new();
    private int _permits;
    private long _expiresAt;
    private long _blockedUntil;
    private Task? _leasing;
    private TaskCompletionSource? _completion;

    /// <summary>When this was last asked for a permit (a timestamp): idle shares are forgotten.</summary>
    public long LastUsed { get; private set; }

    /// <returns>Zero when a permit was taken; otherwise how long until one may be.</returns>
    public async ValueTask<TimeSpan> TryTake(RateRule rule, int leaseSize, TimeSpan leaseFor, TimeSpan leaseWait)
    {
        while (true)
        {
            Task leasing;
            var returned = -1;
            lock (_gate)
            {
                var now = time.GetTimestamp();
                LastUsed = now;
                if (now < _blockedUntil) return time.GetElapsedTime(now, _blockedUntil);
                if (_permits > 0 && now < _expiresAt)
                {
                    _permits--;
                    return TimeSpan.Zero;
                }
                if (_leasing is null)
                {
                    // A lapsed lease's unspent permits go back to the budget with this request.
                    returned = _permits;
                    _permits = 0;
                    _completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    _leasing = _completion.Task;
                }
                // One lease at a time per budget: calls arriving meanwhile wait for it instead of asking again.
                leasing = _leasing;
            }
            if (returned >= 0) await Lease(rule, leaseSize, returned, leaseFor, leaseWait);
            else await leasing;
        }
    }

    /// <summary>True when forgetting this share loses nothing: no live permits, no refusal in force.</summary>
    public bool IsIdle(long now)
    {
        lock (_gate) return _leasing is null && now >= _expiresAt && now >= _blockedUntil;
    }

    private async Task Lease(RateRule rule, int wanted, int returned, TimeSpan leaseFor, TimeSpan leaseWait)
    {
        PermitLease lease;
        try
        {
            // Every call on this budget waits for this one lease: bounded, and cut when a silo leaves, since the
            // grain may have been on it and its answer would otherwise come only at the response timeout.
            lease = await grain.Lease(rule, wanted, returned).WaitAsync(leaseWait, time, loss.Token);
        }
        catch (Exception ex)
        {
            // The budget cannot be asked: the limit must not take the service down with it. The per-device budget
            // still holds; this gateway spends one lease's worth and asks again after it.
            logger.LogWarning(ex, "Rate limit budget unreachable; allowing a lease's worth meanwhile");
            lease = new PermitLease(wanted, TimeSpan.Zero);
        }
        TaskCompletionSource done;
        lock (_gate)
        {
            var now = time.GetTimestamp();
            _permits += lease.Granted;
            _expiresAt = now + (long)(leaseFor.TotalSeconds * time.TimestampFrequency);
            if (lease.Granted == 0) _blockedUntil = now + (long)(Math.Max(lease.RetryAfter.TotalSeconds, 0.001) * time.TimestampFrequency);
            done = _completion!;
            _leasing = null;
            _completion = null;
        }
        done.SetResult();
    }
}
