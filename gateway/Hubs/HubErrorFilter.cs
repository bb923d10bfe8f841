using System.Reflection;
using GoChat.GrainInterfaces;
using GoChat.Gateway.Orleans;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace GoChat.Gateway.Hubs;

/// <summary>
/// Turns GoChat's refusals into hub errors of the form "CODE: text", which SignalR passes to the client
/// as they are. Anything else is logged and reported as UNAVAILABLE without internals. Methods marked
/// <see cref="RetryOnFailoverAttribute"/> are first run again while the cluster fails over (a silo died or is
/// leaving, the database is restarting), within <see cref="ClusterClientOptions.RetrySeconds"/>; a call that was out
/// when a silo left (<see cref="SiloLoss"/>) runs again at once rather than after its response timeout.
/// </summary>
public sealed class HubErrorFilter(IOptions<ClusterClientOptions> options, SiloLoss loss, ILogger<HubErrorFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return context.HubMethod.GetCustomAttribute<RetryOnFailoverAttribute>() is null
                ? await next(context)
                : await WithRetries(context, next);
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
    /// GoChat's refusals (NOT_MEMBER, ...) are final.
    /// </summary>
    private static bool IsFailover(Exception ex) => ex switch
    {
        GoChatException g => g.Code == ErrorCodes.Unavailable,
        OrleansException or TimeoutException or System.Data.Common.DbException => true,
        _ => false,
    };
}
