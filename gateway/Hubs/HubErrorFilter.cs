using GoChat.GrainInterfaces;
using Microsoft.AspNetCore.SignalR;

namespace GoChat.Gateway.Hubs;

/// <summary>
/// Turns GoChat's refusals into hub errors of the form "CODE: text", which SignalR passes to the client
/// as they are. Anything else is logged and reported as UNAVAILABLE without internals.
/// </summary>
public sealed class HubErrorFilter(ILogger<HubErrorFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(context);
        }
        catch (GoChatException ex)
        {
            throw new HubException($"{ex.Code}: {ex.Message}");
        }
        catch (HubException)
        {
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Hub method {Method} failed", context.HubMethodName);
            throw new HubException($"{ErrorCodes.Unavailable}: The service could not complete the request; try again.");
        }
    }
}
