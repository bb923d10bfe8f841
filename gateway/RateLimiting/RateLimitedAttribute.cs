namespace GoChat.Gateway.RateLimiting;

/// <summary>Names the limiter of <see cref="RateLimiters"/> (e.g. <c>nameof(RateLimiters.Sends)</c>) a hub method spends from.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RateLimitedAttribute(string limiter) : Attribute
{
    public string Limiter { get; } = limiter;

    /// <summary>
    /// Over the budget the call is dropped: it does nothing and completes without error or delay. For signals that
    /// are advisory (typing), where a refusal held back would hold the connection's one invocation ahead of a send.
    /// </summary>
    public bool DropExcess { get; init; }
}
