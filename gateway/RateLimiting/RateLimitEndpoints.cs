using GoChat.GrainInterfaces;
using GoChat.Gateway.Auth;

namespace GoChat.Gateway.RateLimiting;

/// <summary>REST routes spend from a limiter of <see cref="RateLimiters"/> before their handler runs.</summary>
public static class RateLimitEndpoints
{
    /// <summary>
    /// A signed-in caller spends from their own budget (device: the token's device id, or the user for a token
    /// without one); an anonymous one from their client address's. Refused: 429 problem, code RATE_LIMITED, Retry-After.
    /// </summary>
    public static TBuilder RateLimited<TBuilder>(this TBuilder builder, string limiterName) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var limiters = http.RequestServices.GetRequiredService<RateLimiters>();
            var user = http.User;
            if (limiters.IsExempt(user)) return await next(context);
            var limiter = limiters[limiterName];
            var signedIn = user.Identity?.IsAuthenticated == true;
            var subject = signedIn ? user.UserId().ToString() : "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            var device = signedIn ? user.DeviceId()?.ToString() ?? subject : null;
            var wait = await limiter.TryAcquire(subject, device);
            if (wait <= TimeSpan.Zero) return await next(context);
            return Refused(http, limiter.Refusal, wait);
        });

    /// <summary>The 429 answer every limit gives over REST.</summary>
    public static IResult Refused(HttpContext http, string refusal, TimeSpan wait)
    {
        var seconds = RateLimitFilter.RetryAfterSeconds(wait);
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Problem(title: $"{refusal}; try again in {seconds} s.", statusCode: StatusCodes.Status429TooManyRequests,
            extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.RateLimited });
    }
}
