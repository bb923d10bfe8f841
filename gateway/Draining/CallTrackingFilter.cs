using GoChat.Gateway.Delivery;
using Microsoft.AspNetCore.SignalR;

namespace GoChat.Gateway.Draining;

/// <summary>Counts each connection's running hub calls, so <see cref="ConnectionDrain"/> closes it only between calls.</summary>
public sealed class CallTrackingFilter(ConnectionRegistry connections) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var connection = connections.Get(context.Context.ConnectionId);
        connection?.CallStarted();
        try
        {
            return await next(context);
        }
        finally
        {
            connection?.CallEnded();
        }
    }
}
