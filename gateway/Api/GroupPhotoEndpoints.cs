using GoChat.GrainInterfaces;
using GoChat.Gateway.Auth;
using GoChat.Gateway.Hubs;
using GoChat.Gateway.RateLimiting;

namespace GoChat.Gateway.Api;

/// <summary>
/// A group's photo over REST (issue 14): group admins set and remove it, members fetch it; anyone else meets
/// CONVERSATION_NOT_FOUND, as for every other part of a chat that is not theirs.
/// </summary>
public static class GroupPhotoEndpoints
{
    public static IEndpointRouteBuilder MapGroupPhotoApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/conversations/{conversationId}").WithTags("Groups").RequireAuthorization();
        // No Accepts() metadata: routing would answer a wrong type with its own 415 that lacks GoChat's error code.
        group.MapPut("/photo", async (string conversationId, HttpContext ctx, IGrainFactory grains) =>
                TypedResults.Ok(await Of(grains, conversationId).SetPhoto(ctx.User.UserId(), ctx.Request.ContentType ?? "", await PictureBody.Read(ctx, "A group photo"))))
            .WithName("SetGroupPhoto").RateLimited(nameof(RateLimiters.Uploads))
            .WithDescription("Group admins only. The body is the picture itself (PNG, JPEG or WebP, at most 1 MB) with its Content-Type; it is re-encoded, so EXIF and the like are gone.");
        group.MapDelete("/photo", (string conversationId, HttpContext ctx, IGrainFactory grains) =>
            Of(grains, conversationId).RemovePhoto(ctx.User.UserId())).WithName("RemoveGroupPhoto");
        group.MapGet("/photo", async (string conversationId, HttpContext ctx, IGrainFactory grains) =>
        {
            var photo = await Of(grains, conversationId).GetPhoto(ctx.User.UserId())
                ?? throw new GoChatException(ErrorCodes.ConversationNotFound, "This group has no photo.");
            return PictureBody.File(ctx, photo);
        }).WithName("GetGroupPhoto");
        return app;
    }

    private static IConversationGrain Of(IGrainFactory grains, string conversationId) =>
        grains.GetGrain<IConversationGrain>(Ids.Parse(conversationId, "conversationId"));
}
