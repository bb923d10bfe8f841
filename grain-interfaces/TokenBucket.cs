namespace GoChat.GrainInterfaces;

/// <summary>
/// A token bucket refilled lazily from a monotonic clock, so a budget costs no timer. Not thread-safe: a grain's
/// turn or the caller's lock guards it. The rule comes with each call, so a changed configuration applies at once.
/// </summary>
public sealed class TokenBucket(TimeProvider time)
{
    private double _tokens = double.NaN;
    private long _at;

    /// <summary>Takes up to <paramref name="wanted"/> whole permits after putting back <paramref name="returned"/> unused ones.</summary>
    public int Take(RateRule rule, int wanted, int returned = 0)
    {
        Refill(rule);
        // Putting back what was taken and never spent cannot exceed what the bucket would hold had it never been taken.
        _tokens = Math.Min(rule.Burst, _tokens + Math.Max(0, returned));
        var granted = (int)Math.Min(Math.Max(0, wanted), Math.Floor(_tokens));
        _tokens -= granted;
        return granted;
    }

    /// <summary>How long until one whole permit is held again.</summary>
    public TimeSpan UntilNext(RateRule rule) =>
        _tokens >= 1 ? TimeSpan.Zero : TimeSpan.FromSeconds((1 - _tokens) / rule.PerSecond);

    /// <summary>Whether the bucket has refilled completely: forgetting it then changes nothing.</summary>
    public bool IsFull(RateRule rule)
    {
        Refill(rule);
        return _tokens >= rule.Burst;
    }

    private void Refill(RateRule rule)
    {
        var now = time.GetTimestamp();
        // A new budget starts full: someone who has done nothing yet may do a burst.
        _tokens = double.IsNaN(_tokens)
            ? rule.Burst
            : Math.Min(rule.Burst, _tokens + time.GetElapsedTime(_at, now).TotalSeconds * rule.PerSecond);
        _at = now;
    }
}
