using GoChat.Gateway.Delivery;
using GoChat.Gateway.Hubs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace GoChat.Gateway.Draining;

/// <summary>
/// A gateway leaving on purpose (SIGTERM: a rolling update, a scale-down) hands its clients over without failing a
/// single hub call. It stops answering ready and waits for load balancers to notice; then it tells every client to
/// move (<see cref="IChatClient.Draining"/>): the client finishes its calls in flight, closes and reconnects elsewhere,
/// and Syncs from the last seq it holds, so it misses nothing and sees nothing twice. A client that does not move by
/// itself is disconnected at a moment when none of its hub calls is running and its last answer has gone out.
/// </summary>
public sealed class ConnectionDrain(
    ConnectionRegistry connections,
    IHubContext<ChatHub, IChatClient> hub,
    IOptions<DrainOptions> options,
    ILogger<ConnectionDrain> logger)
{
    private volatile bool _draining;
    private volatile bool _moving;

    public bool Draining => _draining;

    public async Task DrainAsync()
    {
        var o = options.Value;
        _draining = true;
        logger.LogInformation("Draining: not ready from now; moving {Count} connection(s) in {Grace} s", connections.All.Count, o.ReadinessGraceSeconds);
        await Task.Delay(TimeSpan.FromSeconds(o.ReadinessGraceSeconds));

        _moving = true;
        var quiet = TimeSpan.FromMilliseconds(o.QuietMilliseconds);
        var moveFor = TimeSpan.FromSeconds(o.ClientMoveSeconds);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(o.TimeoutSeconds);
        var disconnected = 0;
        while (DateTime.UtcNow < deadline)
        {
            var open = connections.All;
            if (open.Count == 0) break;
            foreach (var c in open)
            {
                if (c.DrainNoticeAt is null) await TellToMove(c);
                else if (DateTime.UtcNow - c.DrainNoticeAt >= moveFor && c.IdleFor(quiet) && c.TryClose()) disconnected++;
            }
            await Task.Delay(10);
        }
        logger.LogInformation("Drained: {Left} connection(s) left, {Disconnected} disconnected by the gateway", connections.All.Count, disconnected);
    }

    /// <summary>A connection that opens while the gateway drains is told to move at once.</summary>
    public Task OnConnected(ClientConnection connection) => _moving ? TellToMove(connection) : Task.CompletedTask;

    private async Task TellToMove(ClientConnection connection)
    {
        connection.DrainNoticeAt = DateTime.UtcNow;
        try
        {
            await hub.Clients.Client(connection.Id).Draining();
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "Telling {ConnectionId} to move failed; it is disconnected later", connection.Id);
        }
    }
}
