namespace GoChat.Gateway.RateLimiting;

/// <summary>Names the limiter of <see cref="RateLimiters"/> (e.g. <c>nameof(RateLimiters.Sends)</c>) a hub method spends from.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RateLimitedAttribute(string limiter) : Attribute
{
    public string Limiter { get; } = limiter;
}
