using System.Diagnostics;
using GoChat.GrainInterfaces;
using GoChat.Gateway.Telemetry;
using Microsoft.AspNetCore.SignalR;

namespace GoChat.Gateway.Hubs;

/// <summary>
/// Turns GoChat's refusals into hub errors of the form "CODE: text", which SignalR passes to the client
/// as they are. Anything else is logged and reported as UNAVAILABLE without internals. Every failure is
/// counted by code and marked on the invocation's span.
/// </summary>
public sealed class HubErrorFilter(ILogger<HubErrorFilter> logger, GatewayMetrics metrics) : IHubFilter
{
    /// <summary>ASP.NET Core's own span per hub invocation (rpc.system = signalr).</summary>
    private const string HubSource = "Microsoft.AspNetCore.SignalR.Server";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(context);
        }
        catch (GoChatException ex)
        {
            Failed(ex.Code, serverFault: ex.Code == ErrorCodes.Unavailable);
            throw new HubException($"{ex.Code}: {ex.Message}");
        }
        catch (HubException)
        {
            Failed("HUB", serverFault: false);
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Hub method {Method} failed", context.HubMethodName);
            Failed(ErrorCodes.Unavailable, serverFault: true);
            throw new HubException($"{ErrorCodes.Unavailable}: The service could not complete the request; try again.");
        }
    }

    private void Failed(string code, bool serverFault)
    {
        metrics.HubError(code);
        // Only the invocation's own span: with no hub listener, Current is the connection's long HTTP request.
        if (Activity.Current is { } span && span.Source.Name == HubSource)
        {
            span.SetTag("error.type", code);
            if (serverFault) span.SetStatus(ActivityStatusCode.Error);
        }
    }
}
