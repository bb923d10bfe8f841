namespace GoChat.Gateway.Hubs;

/// <summary>
/// Marks a hub method that is safe to run again: it reads, or it carries its own identity (a client message id,
/// a conversation id derived from the pair), so a second run changes nothing the first did not. When the grain
/// call fails because a silo died or is leaving, <see cref="HubErrorFilter"/> runs it again instead of reporting
/// UNAVAILABLE, until the grain answers from its new home or the retry budget is spent.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RetryOnFailoverAttribute : Attribute;
