using GoChat.Gateway.Api;
using GoChat.GrainInterfaces;
using GoChat.GrainInterfaces.Models;
using GoChat.Gateway.Hubs;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace GoChat.Gateway.Auth;

/// <summary>
/// What the bearer handler does beyond checking the signature and lifetime: the token's session must still be live,
/// on every REST request and every hub negotiate and connect, and a refusal is problem details with GoChat's code.
/// </summary>
public static class BearerEvents
{
    /// <summary>Browsers cannot set headers on a WebSocket, so the hub also takes the token from the query.</summary>
    public static Task OnMessageReceived(MessageReceivedContext ctx)
    {
        var token = ctx.Request.Query["access_token"];
        if (!string.IsNullOrEmpty(token) && ctx.HttpContext.Request.Path.StartsWithSegments(ChatHub.Path)) ctx.Token = token;
        // Nor can an img, audio, video or iframe: the download route also takes the token from its own cookie.
        else if (ctx.HttpContext.Request.Path.StartsWithSegments(Files.DownloadEndpoints.Path)
                 && string.IsNullOrEmpty(ctx.Request.Headers.Authorization)
                 && ctx.Request.Cookies.TryGetValue(Files.DownloadEndpoints.CookieName, out var cookie))
        {
            ctx.Token = cookie;
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// A signed token is not enough: the account must still be active, no sign-out everywhere or suspension since
    /// (the session epoch), and the token's device still signed in (sign-out, removal and refresh reuse end it).
    /// Only a development sign-in mints tokens without a device, so elsewhere such a token is refused.
    /// </summary>
    public static async Task OnTokenValidated(TokenValidatedContext ctx)
    {
        var principal = ctx.Principal!;
        var device = principal.DeviceId();
        var services = ctx.HttpContext.RequestServices;
        if (device is null && !DevSignInEndpoints.IsEnabled(services.GetRequiredService<IHostEnvironment>()))
        {
            ctx.Fail(new SessionEndedException());
            return;
        }
        var grains = services.GetRequiredService<IGrainFactory>();
        var account = await grains.GetGrain<IUserGrain>(principal.UserId()).CheckSession(device, principal.SessionEpoch());
        if (account is null)
        {
            ctx.Fail(new SessionEndedException(await WhyEnded(grains, principal.UserId())));
            return;
        }
        ctx.Principal = CompactPrincipal.From(principal);
    }

    /// <summary>
    /// The token is genuine, so its holder may learn why it no longer works: a suspended or rejected account says so
    /// (the open page stops retrying and tells the person), anything else is an ended session.
    /// </summary>
    private static async Task<string> WhyEnded(IGrainFactory grains, Guid userId) =>
        (await grains.GetGrain<IUserGrain>(userId).GetAccount())?.Status switch
        {
            AccountStatus.Suspended => ErrorCodes.Suspended,
            AccountStatus.Rejected => ErrorCodes.Rejected,
            _ => ErrorCodes.InvalidSession,
        };

    /// <summary>
    /// Every 401 is problem details: INVALID_SESSION for a good token whose session ended (the client signs in again
    /// or refreshes), SUSPENDED or REJECTED when the account is why, UNAUTHENTICATED for no token or a bad or expired one.
    /// </summary>
    public static async Task OnChallenge(JwtBearerChallengeContext ctx)
    {
        ctx.HandleResponse();
        var ended = ctx.AuthenticateFailure as SessionEndedException;
        ctx.Response.Headers.WWWAuthenticate = ctx.AuthenticateFailure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        await ctx.HttpContext.WriteProblem(StatusCodes.Status401Unauthorized,
            ended?.Message ?? "Sign in first.",
            ended?.Code ?? ErrorCodes.Unauthenticated);
    }
}

/// <summary>The token is genuine but its session ended: tells the challenge which code to answer (INVALID_SESSION by default).</summary>
public sealed class SessionEndedException(string code = ErrorCodes.InvalidSession) : Exception(TextFor(code))
{
    public const string Text = "This session has ended; sign in again.";

    public string Code { get; } = code;

    private static string TextFor(string code) => code switch
    {
        ErrorCodes.Suspended => "Your account is suspended; this session has ended.",
        ErrorCodes.Rejected => "Your registration was not approved; this session has ended.",
        _ => Text,
    };
}
