using GoChat.GrainInterfaces;
using GoChat.Gateway.Auth;
using GoChat.Gateway.Broadcasts;
using GoChat.Gateway.Hubs;
using GoChat.Gateway.RateLimiting;

namespace GoChat.Gateway.Api;

/// <summary>Search across chats over REST; the hub's SearchMessages is the same search.</summary>
public static class SearchEndpoints
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/search/messages", (string? q, string? conversationId, string? cursor, int? limit, HttpContext ctx, IGrainFactory grains, DeliveryMarking marking) =>
                Search(grains, marking, ctx.User.UserId(), new MessageSearchInput(q, conversationId, cursor, limit ?? SearchLimits.DefaultPage)))
            .WithTags("Search").WithName("SearchMessages").RequireAuthorization().RateLimited(nameof(RateLimiters.Searches))
            .WithDescription("Messages the caller may read that match q (Bahasa Melayu or English, near spellings too), grouped by chat; conversationId searches one chat.");
        return app;
    }

    /// <summary>Ids arrive as strings, so a malformed one is INVALID_ARGUMENT like everywhere else.</summary>
    public static async Task<MessageSearchPage> Search(IGrainFactory grains, DeliveryMarking marking, Guid user, MessageSearchInput? input)
    {
        if (input is null) throw GoChatException.Invalid("A query is required.");
        Guid? conversation = input.ConversationId is null ? null : Ids.Parse(input.ConversationId, "conversationId");
        var page = await grains.GetGrain<IMessageSearchGrain>(0).Search(user, new MessageSearchQuery(input.Text!, conversation, input.Cursor, input.Limit));
        return marking.For(page, user);
    }
}
