using GoChat.GrainInterfaces;
using GoChat.Gateway.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GoChat.Gateway.Api;

/// <summary>
/// The signed-in device's offline-cache key (docs/security/offline-cache.md): the web client encrypts its outbox and
/// cached chats under it. It exists only while the device session does, so signing out or revoking the device leaves
/// any copy in the browser unreadable.
/// </summary>
public static class CacheKeyEndpoints
{
    /// <summary>The key as base64 (32 bytes, AES-256-GCM on the client).</summary>
    public sealed record CacheKeyResponse(string Key);

    public static IEndpointRouteBuilder MapCacheKeyApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me/cache-key", GetCacheKey).WithTags("Me").WithName("GetMyCacheKey").RequireAuthorization();
        return app;
    }

    private static async Task<Ok<CacheKeyResponse>> GetCacheKey(HttpContext ctx, IGrainFactory grains)
    {
        // A development sign-in token belongs to no device session, so it has no key to hand out.
        if (ctx.User.DeviceId() is not { } device) throw new GoChatException(ErrorCodes.Conflict, "This sign-in has no device session, so it has no offline-cache key.");
        var key = await grains.GetGrain<IUserGrain>(ctx.User.UserId()).GetCacheKey(device);
        // A secret: no cache, shared or private, may keep it past the session.
        ctx.Response.Headers.CacheControl = "no-store";
        ctx.Response.Headers.Pragma = "no-cache";
        return TypedResults.Ok(new CacheKeyResponse(Convert.ToBase64String(key)));
    }
}
