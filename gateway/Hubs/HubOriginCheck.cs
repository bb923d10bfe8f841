using GoChat.Gateway.Api;
using GoChat.GrainInterfaces;
using Microsoft.Extensions.Options;

namespace GoChat.Gateway.Hubs;

/// <summary>
/// Cross-site WebSocket hijacking guard. Browsers send a WebSocket's access token in the query and never apply CORS
/// to the upgrade, so a page on any site holding a stolen or leaked token (or running in a victim's browser with one
/// it read) could otherwise open the hub from its own origin. The hub (negotiate and upgrade alike) only answers pages
/// of allowed origins; requests without an Origin are not from a browser page and pass.
/// </summary>
public sealed class HubOriginCheck(RequestDelegate next, IOptionsMonitor<HubOriginOptions> options, ILogger<HubOriginCheck> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(ChatHub.Path) || IsAllowed(context.Request))
        {
            await next(context);
            return;
        }
        logger.LogWarning("Refused a hub request from origin {Origin}", context.Request.Headers.Origin.ToString());
        await context.WriteProblem(StatusCodes.Status403Forbidden, "This page's origin may not connect to GoChat.", ErrorCodes.OriginNotAllowed);
    }

    private bool IsAllowed(HttpRequest request)
    {
        var origins = request.Headers.Origin;
        if (origins.Count == 0) return true;
        if (origins.Count > 1) return false;
        var origin = origins[0]!.TrimEnd('/');
        if (string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase)) return true;
        return options.CurrentValue.AllowedOrigins.Any(o => string.Equals(origin, o.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
    }
}
