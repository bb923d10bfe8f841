using GoChat.Bench.GoChatSide;
using GoChat.Bench.Measure;

namespace GoChat.Bench.Workloads;

/// <summary>
/// W3: N signed-in clients connect, sync and then sit idle, after N/10 warm-up clients that stay connected.
/// Gateway memory per connection = gateway RSS delta / N;
/// silo memory per active user = silo RSS delta / N (their user grains, presence and stream subscriptions).
/// RSS is read after the connections have settled, so it includes what the GC has not returned: the honest figure.
/// </summary>
public sealed class GoChatIdleConnections(GoChatIdleConnections.Options options)
{
    /// <param name="Relay">Against the bare SignalR relay (a ceiling): anonymous connections, no sync, no silo.</param>
    public sealed record Options(Uri Gateway, int Connections, int GatewayPid, int SiloPid, string? Out, double SettleSeconds = 10, bool Relay = false);

    public async Task<MemoryResult> Run(CancellationToken ct)
    {
        var warmCount = Math.Max(20, options.Connections / 10);
        var hub = new Uri(options.Gateway, options.Relay ? "/hubs/relay" : "/hubs/chat");
        var users = options.Relay
            ? new BenchUser?[options.Connections + warmCount]
            : await HubClient.Provision(options.Gateway, $"w3-{Guid.NewGuid():N}"[..12], options.Connections + warmCount, ct);
        // Warm both processes (JIT, pools, threads, the heap's first growth) with a tenth as many clients, kept
        // connected: the figure is then what one more idle connection costs, not the process's start-up growth.
        var warm = await HubClient.ConnectAll([hub], users.Take(warmCount).ToList(), ct);
        HubClient[] clients = [];
        try
        {
            if (!options.Relay) await HubClient.SyncAll(warm, ct);
            await Task.Delay(TimeSpan.FromSeconds(options.SettleSeconds), ct);
            var (gw0, silo0) = (Rss(options.GatewayPid), options.Relay ? 0 : Rss(options.SiloPid));

            clients = await HubClient.ConnectAll([hub], users.Skip(warmCount).ToList(), ct);
            if (!options.Relay) await HubClient.SyncAll(clients, ct);
            await Task.Delay(TimeSpan.FromSeconds(options.SettleSeconds), ct);
            var (gw1, silo1) = (Rss(options.GatewayPid), options.Relay ? 0 : Rss(options.SiloPid));
            var n = clients.Length;
            var result = new MemoryResult(options.Relay ? "relay" : "gochat", "w3-idle-connections", $"connections={n}", n,
                gw0 / 1024.0, gw1 / 1024.0, (gw1 - gw0) / (double)n, silo0 / 1024.0, silo1 / 1024.0, (silo1 - silo0) / (double)n);
            result.Emit(options.Out);
            return result;
        }
        finally
        {
            await HubClient.DisposeAll(clients);
            await HubClient.DisposeAll(warm);
        }
    }

    /// <summary>Resident set size in KB, from /proc/pid/status.</summary>
    public static long Rss(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
    }
}
