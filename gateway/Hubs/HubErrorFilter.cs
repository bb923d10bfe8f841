using System.Diagnostics;
using System.Reflection;
using GoChat.GrainInterfaces;
using GoChat.Gateway.Orleans;
using GoChat.Gateway.Telemetry;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace GoChat.Gateway.Hubs;

/// <summary>
/// Turns GoChat's refusals into hub errors of the form "CODE: text", which SignalR passes to the client
/// as they are. Anything else is logged and reported as UNAVAILABLE without internals. Methods marked
/// <see cref="RetryOnFailoverAttribute"/> are first run again while the cluster fails over (a silo died or is
/// leaving, the database is restarting), within <see cref="ClusterClientOptions.RetrySeconds"/>; a call that was out
/// when a silo left (<see cref="SiloLoss"/>) runs again at once rather than after its response timeout.
/// Every failure that reaches the client is counted by code and marked on the invocation's span.
/// </summary>
public sealed class HubErrorFilter(IOptions<ClusterClientOptions> options, SiloLoss loss, ILogger<HubErrorFilter> logger, GatewayMetrics metrics) : IHubFilter
{
    /// <summary>ASP.NET Core's own span per hub invocation (rpc.system = signalr).</summary>
    private const string HubSource = "Microsoft.AspNetCore.SignalR.Server";

    /// <summary>Whether a hub method may run twice: read once per method, not on every call.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<MethodInfo, bool> Repeatable = new();

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return !Repeatable.GetOrAdd(context.HubMethod, m => m.GetCustomAttribute<RetryOnFailoverAttribute>() is not null)
                ? await next(context)
                : await WithRetries(context, next);
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

    private async ValueTask<object?> WithRetries(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(options.Value.RetrySeconds);
        var delay = TimeSpan.FromMilliseconds(100);
        for (var attempt = 1; ; attempt++)
        {
            var lost = loss.Token;
            try
            {
                return await next(context).AsTask().WaitAsync(lost);
            }
            catch (OperationCanceledException) when (lost.IsCancellationRequested && DateTime.UtcNow < deadline)
            {
                // A silo left while this call was out: it may never be answered. Run it again now (it is repeatable).
                logger.LogInformation("Hub method {Method} was out when a silo left; attempt {Attempt} now", context.HubMethodName, attempt + 1);
            }
            catch (Exception ex) when (IsFailover(ex) && DateTime.UtcNow + delay < deadline && !context.Context.ConnectionAborted.IsCancellationRequested)
            {
                logger.LogInformation("Hub method {Method} met a failover ({Error}); attempt {Attempt} again in {Delay} ms",
                    context.HubMethodName, ex.GetType().Name, attempt + 1, delay.TotalMilliseconds);
                await Task.Delay(delay, context.Context.ConnectionAborted);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 1000));
            }
        }
    }

    /// <summary>
    /// A silo that died or is shutting down, a call that got no answer, a grain that could not be activated or could
    /// not reach the database (the runtime's own errors, UNAVAILABLE): running the call again later can succeed.
    /// GoChat's refusals (CONVERSATION_NOT_FOUND, ...) are final.
    /// </summary>
    private static bool IsFailover(Exception ex) => ex switch
    {
        GoChatException g => g.Code == ErrorCodes.Unavailable,
        OrleansException or TimeoutException or System.Data.Common.DbException => true,
        _ => false,
    };
}
