namespace GoChat.Grains.RateLimiting;

/// <summary>
/// One user's (or address's) budget for one kind of request, shared by every gateway. Nothing is stored: an
/// activation that is lost starts again with a full bucket, which a limit meant to stop floods can afford.
/// </summary>
// Idle for two minutes, every default budget has refilled anyway (the slowest, uploads and codes, in about a minute).
[GrainType("rate-limit"), CollectionAgeLimit(Minutes = 2)]
public sealed class RateLimitGrain : Grain, IRateLimitGrain
{
    private readonly TokenBucket _bucket;

    // The grain's budget runs on real time: tests shift the silo's TimeProvider to expire codes, not to refill budgets.
    public RateLimitGrain() => _bucket = new TokenBucket(TimeProvider.System);

    public Task<PermitLease> Lease(RateRule rule, int wanted, int returned)
    {
        if (rule is null || !(rule.PerSecond > 0) || rule.Burst < 1) throw GoChatException.Invalid("A rate rule needs a positive rate and burst.");
        var granted = _bucket.Take(rule, wanted, returned);
        return Task.FromResult(new PermitLease(granted, granted > 0 ? TimeSpan.Zero : _bucket.UntilNext(rule)));
    }
}
