using GoChat.GrainInterfaces;
using GoChat.Gateway.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GoChat.Gateway.Push;

/// <summary>
/// Web Push (issue 14): the caller's own subscriptions. The web client reads the status (whether the agency allows
/// it, and the VAPID key to subscribe with), posts the browser's PushSubscription, and removes it when the user
/// turns notifications off. Sign-out and device revocation remove it on the server's side.
/// </summary>
public static class WebPushEndpoints
{
    /// <summary>The browser's PushSubscription.toJSON(): { endpoint, expirationTime, keys: { p256dh, auth } }.</summary>
    public sealed record SubscriptionRequest(string? Endpoint, SubscriptionKeys? Keys);

    public sealed record SubscriptionKeys(string? P256dh, string? Auth);

    public sealed record RemoveRequest(string? Endpoint);

    public static IEndpointRouteBuilder MapWebPushApi(this IEndpointRouteBuilder app)
    {
        var push = app.MapGroup("/api/me/push").WithTags("Me").RequireAuthorization();
        push.MapGet("/", (HttpContext ctx, IGrainFactory grains) => Of(ctx, grains).GetStatus()).WithName("GetMyWebPush");
        push.MapPost("/subscriptions", Subscribe).WithName("AddMyPushSubscription");
        push.MapPost("/subscriptions/remove", Remove).WithName("RemoveMyPushSubscription");
        return app;
    }

    private static async Task<NoContent> Subscribe(SubscriptionRequest request, HttpContext ctx, IGrainFactory grains)
    {
        // The grain checks the shape (PushSubscriptionRules); this only says what is missing.
        if (request?.Endpoint is null || request.Keys?.P256dh is null || request.Keys.Auth is null)
            throw new GoChatException(ErrorCodes.InvalidPushSubscription, "endpoint, keys.p256dh and keys.auth are required.");
        await Of(ctx, grains).Subscribe(ctx.User.DeviceId(), new WebPushSubscription(request.Endpoint, request.Keys.P256dh, request.Keys.Auth));
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> Remove(RemoveRequest request, HttpContext ctx, IGrainFactory grains)
    {
        if (request?.Endpoint is null) throw new GoChatException(ErrorCodes.InvalidPushSubscription, "endpoint is required.");
        await Of(ctx, grains).Unsubscribe(request.Endpoint);
        return TypedResults.NoContent();
    }

    private static IWebPushGrain Of(HttpContext ctx, IGrainFactory grains) => grains.GetGrain<IWebPushGrain>(ctx.User.UserId());
}
