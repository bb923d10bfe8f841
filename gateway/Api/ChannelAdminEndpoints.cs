using GoChat.GrainInterfaces;
using GoChat.Gateway.Auth;

namespace GoChat.Gateway.Api;

/// <summary>Agency-admin REST for broadcast channels (issue 16): an agency's admins create its channels; the grain checks the agency.</summary>
public static class ChannelAdminEndpoints
{
    /// <param name="Audience">OwnAgency, Agencies or Everyone; required.</param>
    /// <param name="Agencies">For Agencies: the other agencies of the audience.</param>
    public sealed record NewChannelRequest(string? Name, string? Description, ChannelAudience? Audience, bool? Mandatory, Guid[]? Agencies = null);

    public static IEndpointRouteBuilder MapChannelAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapAdminGroup("/api/admin");
        admin.MapPost("/agencies/{agencyId}/channels", (Guid agencyId, NewChannelRequest request, HttpContext ctx, IGrainFactory grains) =>
        {
            var channel = new NewChannel(
                TextRules.Required(request.Name, Limits.MaxChannelNameLength, "A channel name"),
                TextRules.Optional(request.Description, Limits.MaxChannelDescriptionLength, "A channel description"),
                request.Audience ?? throw GoChatException.Invalid("audience is required (OwnAgency, Agencies or Everyone)."),
                request.Mandatory ?? throw GoChatException.Invalid("mandatory is required."),
                request.Agencies);
            return grains.GetGrain<IChannelGrain>(ConversationIds.NewChannel()).Create(ctx.User.UserId(), agencyId, channel);
        }).WithName("CreateChannel");
        return app;
    }
}
