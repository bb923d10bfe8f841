using System.Net.Mail;
using GoChat.GrainInterfaces;
using GoChat.Gateway.Auth;
using GoChat.Gateway.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GoChat.Gateway.Api;

/// <summary>Registration and sign-in with an emailed one-time code; device sessions with rotating refresh tokens.</summary>
public static class AuthEndpoints
{
    public const string RateLimitPolicy = "auth";

    public sealed record CodeRequest(string Email);

    public sealed record VerifyRequest(string Email, string Code, string? DeviceName, Guid? AgencyId, string? DisplayName);

    public sealed record RefreshRequest(string RefreshToken);

    public sealed record SignInResponse(
        Guid UserId, string AccessToken, DateTimeOffset AccessTokenExpiresAt,
        string RefreshToken, DateTimeOffset RefreshTokenExpiresAt, Guid DeviceId, AccountInfo Account);

    /// <summary>The answer to a confirmed external registration: the account exists and waits for an admin.</summary>
    public sealed record PendingResponse(Guid UserId, AccountStatus Status);

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth").RequireRateLimiting(RateLimitPolicy);
        // Per client address across gateways (the "auth" window above is per gateway), beside the grain's per email address.
        auth.MapPost("/code", RequestCode).WithName("RequestSignInCode").RateLimited(nameof(RateLimiters.CodeRequests));
        auth.MapPost("/verify", Verify).WithName("VerifySignInCode");
        auth.MapPost("/refresh", Refresh).WithName("RefreshSession");
        auth.MapPost("/sign-out", SignOut).WithName("SignOut").RequireAuthorization();
        auth.MapPost("/sign-out-everywhere", SignOutEverywhere).WithName("SignOutEverywhere").RequireAuthorization();

        var me = app.MapGroup("/api/me").WithTags("Me").RequireAuthorization();
        me.MapGet("/", (HttpContext ctx, IGrainFactory grains) => grains.GetGrain<IUserGrain>(ctx.User.UserId()).GetAccount()).WithName("GetMyAccount");
        me.MapGet("/devices", (HttpContext ctx, IGrainFactory grains) => grains.GetGrain<IUserGrain>(ctx.User.UserId()).GetDevices()).WithName("GetMyDevices");
        me.MapDelete("/devices/{deviceId}", async (Guid deviceId, HttpContext ctx, IGrainFactory grains) =>
        {
            await grains.GetGrain<IUserGrain>(ctx.User.UserId()).SignOut(deviceId);
            return TypedResults.NoContent();
        }).WithName("SignOutDevice");
        return app;
    }

    private static async Task<Accepted<object>> RequestCode(CodeRequest request, IGrainFactory grains)
    {
        var email = NormalizeEmail(request.Email);
        await grains.GetGrain<IEmailLoginGrain>(email).RequestCode();
        // Same answer for every address: it does not say whether the address is registered.
        return TypedResults.Accepted((string?)null, (object)new { message = "If the address can use GoChat, a code is on its way." });
    }

    private static async Task<Results<Ok<SignInResponse>, Accepted<PendingResponse>>> Verify(VerifyRequest request, IGrainFactory grains, TokenService tokens)
    {
        var email = NormalizeEmail(request.Email);
        TextRules.RequireStorable(request.Code, "The code");
        TextRules.RequireStorable(request.DisplayName, "The display name");
        TextRules.RequireStorable(request.DeviceName, "The device name");
        var account = await grains.GetGrain<IEmailLoginGrain>(email).VerifyCode(request.Code?.Trim() ?? "", request.AgencyId, request.DisplayName);
        if (account.Status == AccountStatus.PendingApproval) return TypedResults.Accepted((string?)null, new PendingResponse(account.UserId, account.Status));
        var session = await grains.GetGrain<IUserGrain>(account.UserId).StartSession(request.DeviceName ?? "");
        return TypedResults.Ok(Issue(tokens, session));
    }

    private static async Task<Ok<SignInResponse>> Refresh(RefreshRequest request, IGrainFactory grains, TokenService tokens)
    {
        if (!TokenService.TryParseRefreshToken(request.RefreshToken, out var userId, out var deviceId, out var secret))
        {
            throw new GoChatException(ErrorCodes.InvalidSession, "This session has ended; sign in again.");
        }
        var session = await grains.GetGrain<IUserGrain>(userId).RefreshSession(deviceId, secret);
        return TypedResults.Ok(Issue(tokens, session));
    }

    private static async Task<NoContent> SignOut(HttpContext ctx, IGrainFactory grains)
    {
        if (ctx.User.DeviceId() is { } device) await grains.GetGrain<IUserGrain>(ctx.User.UserId()).SignOut(device);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> SignOutEverywhere(HttpContext ctx, IGrainFactory grains)
    {
        await grains.GetGrain<IUserGrain>(ctx.User.UserId()).SignOutEverywhere();
        return TypedResults.NoContent();
    }

    public static SignInResponse Issue(TokenService tokens, IssuedSession session)
    {
        var (access, expires) = tokens.Issue(session.Account, session.DeviceId, session.PasskeyVerified);
        return new SignInResponse(session.Account.UserId, access, expires,
            TokenService.RefreshToken(session.Account.UserId, session), session.RefreshExpiresAt, session.DeviceId, session.Account);
    }

    public static string NormalizeEmail(string? email)
    {
        TextRules.RequireStorable(email, "The email address");
        var trimmed = email?.Trim() ?? "";
        if (trimmed.Length is 0 or > 254 || !MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed || !trimmed.Contains('.', StringComparison.Ordinal))
        {
            throw GoChatException.Invalid("A valid email address is required.");
        }
        return trimmed.ToLowerInvariant();
    }
}
