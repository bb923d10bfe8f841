using System.Collections.Concurrent;
using System.Reflection;
using GoChat.GrainInterfaces;
using GoChat.Gateway.Auth;
using GoChat.Gateway.Telemetry;
using Microsoft.AspNetCore.SignalR;

namespace GoChat.Gateway.RateLimiting;

/// <summary>
/// Spends a permit before a hub method marked <see cref="RateLimitedAttribute"/> runs; a refused call does nothing
/// and answers "RATE_LIMITED: ...". It runs outside <see cref="Hubs.HubErrorFilter"/>, so a call retried through a
/// failover is charged once. The device is the token's device id, or the connection for a token without one.
/// </summary>
public sealed class RateLimitFilter(RateLimiters limiters, GatewayMetrics metrics) : IHubFilter
{
    /// <summary>The limiter of each method, read once per method rather than on every call.</summary>
    private static readonly ConcurrentDictionary<MethodInfo, string?> Limiters = new();

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var name = Limiters.GetOrAdd(context.HubMethod, m => m.GetCustomAttribute<RateLimitedAttribute>()?.Limiter);
        if (name is null) return await next(context);
        var user = context.Context.User;
        if (limiters.IsExempt(user)) return await next(context);
        var limiter = limiters[name];
        var device = user.DeviceId()?.ToString() ?? context.Context.ConnectionId;
        var wait = await limiter.TryAcquire(user.UserId().ToString(), device);
        if (wait <= TimeSpan.Zero) return await next(context);
        metrics.HubError(ErrorCodes.RateLimited);
        throw new HubException($"{ErrorCodes.RateLimited}: {limiter.Refusal}; try again in {RetryAfterSeconds(wait)} s.");
    }

    /// <summary>Whole seconds, at least one: what a client can wait for.</summary>
    public static int RetryAfterSeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
}
