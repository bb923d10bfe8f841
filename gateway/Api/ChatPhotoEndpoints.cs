using GoChat.GrainInterfaces;
using GoChat.Gateway.Auth;
using GoChat.Gateway.Hubs;
using GoChat.Gateway.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GoChat.Gateway.Api;

/// <summary>
/// A group's photo (issue 14) and a channel's picture (issue 16) over REST, one route for both as the list shows both:
/// the group's admins, or the channel's, set and remove it; its members, or the channel's audience, fetch it; anyone
/// else meets CONVERSATION_NOT_FOUND, as for every other part of a chat that is not theirs.
/// </summary>
public static class ChatPhotoEndpoints
{
    public static IEndpointRouteBuilder MapChatPhotoApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/conversations/{conversationId}").WithTags("Groups", "Channels").RequireAuthorization();
        // No Accepts() metadata: routing would answer a wrong type with its own 415 that lacks GoChat's error code.
        group.MapPut("/photo", async Task<Results<Ok<ConversationInfo>, Ok<ChannelInfo>>> (string conversationId, HttpContext ctx, IGrainFactory grains) =>
            {
                var chat = Of(conversationId);
                var channel = ConversationIds.IsChannel(chat);
                var data = await PictureBody.Read(ctx, channel ? "A channel picture" : "A group photo");
                var (user, type) = (ctx.User.UserId(), ctx.Request.ContentType ?? "");
                return channel
                    ? TypedResults.Ok(await grains.GetGrain<IChannelGrain>(chat).SetPhoto(user, type, data))
                    : TypedResults.Ok(await grains.GetGrain<IConversationGrain>(chat).SetPhoto(user, type, data));
            })
            .WithName("SetGroupPhoto").RateLimited(nameof(RateLimiters.Uploads))
            .WithDescription("Group admins, or a channel's admins, only. The body is the picture itself (PNG, JPEG or WebP, at most 1 MB) with its Content-Type; it is re-encoded, so EXIF and the like are gone.");
        group.MapDelete("/photo", async Task<Results<Ok<ConversationInfo>, Ok<ChannelInfo>>> (string conversationId, HttpContext ctx, IGrainFactory grains) =>
            {
                var chat = Of(conversationId);
                return ConversationIds.IsChannel(chat)
                    ? TypedResults.Ok(await grains.GetGrain<IChannelGrain>(chat).RemovePhoto(ctx.User.UserId()))
                    : TypedResults.Ok(await grains.GetGrain<IConversationGrain>(chat).RemovePhoto(ctx.User.UserId()));
            })
            .WithName("RemoveGroupPhoto");
        group.MapGet("/photo", async (string conversationId, HttpContext ctx, IGrainFactory grains) =>
        {
            var chat = Of(conversationId);
            var photo = await (ConversationIds.IsChannel(chat)
                    ? grains.GetGrain<IChannelGrain>(chat).GetPhoto(ctx.User.UserId())
                    : grains.GetGrain<IConversationGrain>(chat).GetPhoto(ctx.User.UserId()))
                ?? throw new GoChatException(ErrorCodes.ConversationNotFound, "This chat has no photo.");
            return PictureBody.File(ctx, photo);
        }).WithName("GetGroupPhoto");
        return app;
    }

    private static Guid Of(string conversationId) => Ids.Parse(conversationId, "conversationId");
}
