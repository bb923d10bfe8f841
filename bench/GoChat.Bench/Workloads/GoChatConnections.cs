using System.Diagnostics;
using System.Net;
using GoChat.Bench.GoChatSide;
using GoChat.Bench.Measure;
using GoChat.GrainInterfaces.Models;
using Microsoft.AspNetCore.SignalR.Client;

namespace GoChat.Bench.Workloads;

/// <summary>
/// W5: many idle connections on one gateway, and what they cost a conversation that is not theirs. A few pairs of
/// real SignalR clients exchange 1:1 messages at a modest rate; lean clients (<see cref="LeanHubConnection"/>) connect,
/// sync and sit idle (pinging) in stages (1,000, then 50,000 connections in all). At each stage, after a settle:
/// the gateway's RSS delta per connection against the base (pairs and a warm-up set connected), and the pairs' p99
/// over a window. Idle clients spread over the gateway's listening ports and loopback source addresses, since one
/// address pair runs out of ephemeral ports at ~28k. Both the gateway and this process need a file descriptor per
/// connection: a stage above what either's open-file limit allows is capped to it, and the result says so.
/// </summary>
public sealed class GoChatConnections(GoChatConnections.Options options)
{
    /// <param name="IdleGateways">The same gateway's URLs (several ports) the idle clients spread over.</param>
    public sealed record Options(Uri Gateway, IReadOnlyList<Uri> IdleGateways, IReadOnlyList<int> Stages, int Pairs, double Rate,
        double MeasureSeconds, double SettleSeconds, int Warm, int SourceAddresses, int GatewayPid, int SiloPid,
        IReadOnlyList<int> ServerPids, string? Out, string? CurvesDir, double GraceSeconds = 10);

    /// <summary>File descriptors kept free for what a process opens later (the pairs, pools growing, HTTP calls).</summary>
    private const int FdReserve = 200;

    private HubClient[] _pairs = [];
    private string[] _conversation = [];
    private readonly List<LeanHubConnection> _idle = [];
    private Window? _window;

    public async Task Run(CancellationToken ct)
    {
        var gateway = options.GatewayPid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var fileLimit = Math.Min(OpenFileLimit("self"), OpenFileLimit(gateway));
        // What each process holds already (PostgreSQL, Orleans, logs; seen: ~370 in a gateway), and a margin.
        var limit = Math.Min(OpenFileLimit("self") - OpenFiles("self"), OpenFileLimit(gateway) - OpenFiles(gateway)) - FdReserve;
        var stages = options.Stages.Select(s => Math.Min(s, limit)).Distinct().ToList();
        if (stages.Count < options.Stages.Count || stages[^1] < options.Stages[^1])
        {
            Console.Error.WriteLine($"[gochat W5] the open-file limit ({fileLimit} per process, gateway and load generator) caps one gateway's connections at {limit}: stages {string.Join(",", stages)}");
        }
        var idleTotal = stages[^1] - 2 * options.Pairs;
        if (idleTotal < options.Warm) throw new ArgumentException("the last stage must hold the pairs and the warm-up connections");
        var watch = Stopwatch.StartNew();
        var tag = $"w5-{Guid.NewGuid():N}"[..12];
        var users = await HubClient.Provision(options.Gateway, tag, 2 * options.Pairs + idleTotal, ct, chunk: 2000);
        Console.Error.WriteLine($"[gochat W5] {users.Length} users provisioned in {watch.Elapsed.TotalSeconds:F1} s");
        var idleUsers = users[(2 * options.Pairs)..];
        var hubs = options.IdleGateways.Select(g => new Uri(g, "/hubs/chat")).ToList();
        IReadOnlyList<IPAddress?> sources = options.SourceAddresses <= 1
            ? [null]
            : Enumerable.Range(1, options.SourceAddresses).Select(k => (IPAddress?)new IPAddress([127, 0, 0, (byte)k])).ToList();
        using var stopPings = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pinger = LeanHubConnection.PingAll(() => _idle, TimeSpan.FromSeconds(10), stopPings.Token);
        try
        {
            await SetupPairs(users[..(2 * options.Pairs)], ct);
            // Warm-up: the pairs exchange a little and a warm-up set of idle clients connects, so the base has the
            // JIT, pools and the heap's first growth in it and each stage's delta is what connections cost.
            _idle.AddRange(await LeanHubConnection.ConnectAll(hubs, sources, idleUsers[..options.Warm], 0, sync: true, ct));
            await MeasureWindow(Math.Min(3, options.MeasureSeconds), ct);
            await Task.Delay(TimeSpan.FromSeconds(options.SettleSeconds), ct);
            var (gw0, silo0) = (GoChatIdleConnections.Rss(options.GatewayPid), GoChatIdleConnections.Rss(options.SiloPid));
            var base0 = 2 * options.Pairs + _idle.Count;
            Console.Error.WriteLine($"[gochat W5] base: {base0} connections, gateway RSS {gw0 / 1024.0:F0} MB, silo RSS {silo0 / 1024.0:F0} MB");

            foreach (var stage in stages)
            {
                var want = stage - 2 * options.Pairs - _idle.Count;
                var connectWatch = Stopwatch.StartNew();
                if (want > 0) _idle.AddRange(await LeanHubConnection.ConnectAll(hubs, sources, idleUsers[_idle.Count..(_idle.Count + want)], _idle.Count, sync: true, ct));
                var connectSeconds = connectWatch.Elapsed.TotalSeconds;
                await Task.Delay(TimeSpan.FromSeconds(options.SettleSeconds), ct);
                var (gw1, silo1) = (GoChatIdleConnections.Rss(options.GatewayPid), GoChatIdleConnections.Rss(options.SiloPid));
                var open = 2 * options.Pairs + _idle.Count(c => c.IsOpen);
                var added = open - base0;
                var self = GoChatIdleConnections.Rss(Environment.ProcessId);
                var capped = stage < options.Stages.Max() && stage == stages[^1] ? $" capped-from={options.Stages.Max()} by-open-file-limit={fileLimit}" : "";
                var parameters = $"connections={stage} open={open} ports={hubs.Count} sources={sources.Count}{capped}";
                new MemoryResult("gochat", "w5-connections", parameters, open,
                    gw0 / 1024.0, gw1 / 1024.0, (gw1 - gw0) / (double)Math.Max(1, added), silo0 / 1024.0, silo1 / 1024.0, (silo1 - silo0) / (double)Math.Max(1, added)).Emit(options.Out);
                Console.Error.WriteLine($"[gochat W5] {open} connections ({want} opened in {connectSeconds:F1} s): gateway +{(gw1 - gw0) / (double)Math.Max(1, added):F1} KB each, " +
                    $"load generator RSS {self / 1024.0:F0} MB");
                var result = await MeasureWindow(options.MeasureSeconds, ct, $"{parameters} pairs={options.Pairs} rate={options.Rate:0.##}/s/user");
                result!.Emit(options.Out);
            }
        }
        finally
        {
            await stopPings.CancelAsync();
            await pinger;
            await HubClient.DisposeAll(_pairs);
            foreach (var c in _idle) await c.DisposeAsync();
        }
    }

    private async Task SetupPairs(BenchUser[] users, CancellationToken ct)
    {
        _pairs = await HubClient.ConnectAll([new Uri(options.Gateway, "/hubs/chat")], users, ct);
        _conversation = new string[_pairs.Length];
        for (var p = 0; p < options.Pairs; p++)
        {
            var (a, b) = (_pairs[2 * p], _pairs[2 * p + 1]);
            var info = await a.Connection.InvokeAsync<ConversationInfo>("CreateDirectConversation", b.UserId.ToString(), ct);
            _conversation[a.Index] = _conversation[b.Index] = info.Id.ToString();
        }
        await HubClient.SyncAll(_pairs, ct);
        foreach (var c in _pairs) c.OnMessage = OnMessage;
    }

    /// <summary>The pairs send for the window (open loop, each user at the rate); latency send call → peer's receipt.</summary>
    private async Task<WorkloadResult?> MeasureWindow(double seconds, CancellationToken ct, string? parameters = null)
    {
        var n = _pairs.Length;
        var perUser = (int)Math.Ceiling(options.Rate * seconds);
        var window = new Window(n, perUser);
        _window = window;
        var interval = Clock.SecondsToTicks(1 / options.Rate);
        var start = Clock.Now;
        var serverCpu = ProcessCpu.Take(options.ServerPids);
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var offsets = Enumerable.Range(0, n).Select(_ => (long)(Random.Shared.NextDouble() * interval)).ToArray();
        var sent = new int[n];
        while (sent.Any(s => s < perUser))
        {
            var now = Clock.Now;
            for (var s = 0; s < n; s++)
            {
                while (sent[s] < perUser && now - start - offsets[s] >= sent[s] * interval) Send(window, s, sent[s]++);
            }
            await Task.Delay(2, ct);
        }
        var serverCpuEnd = ProcessCpu.Take(options.ServerPids);
        var clientCpuEnd = Process.GetCurrentProcess().TotalProcessorTime;
        var graceEnd = Clock.Now + Clock.SecondsToTicks(options.GraceSeconds);
        while (Clock.Now < graceEnd && Interlocked.Read(ref window.Delivered) < Interlocked.Read(ref window.Sent)) await Task.Delay(20, ct);
        _window = null;
        if (window.SendErrors > 0) Console.Error.WriteLine($"[gochat W5] {window.SendErrors} sends failed: {window.FirstError}");
        if (parameters is null) return null;
        var (total, delivered) = (Interlocked.Read(ref window.Sent), Interlocked.Read(ref window.Delivered));
        var result = new WorkloadResult("gochat", "w5-connections", parameters, total, delivered, total - delivered, window.Duplicates,
            seconds, delivered / seconds, window.Latency.PercentileMs(50), window.Latency.PercentileMs(95), window.Latency.PercentileMs(99), window.Latency.MaxMs,
            ProcessCpu.SecondsBetween(serverCpu, serverCpuEnd), (clientCpuEnd - clientCpu).TotalSeconds);
        Curves.Write(options.CurvesDir, result, window.Latency);
        return result;
    }

    private void Send(Window window, int sender, int number)
    {
        Interlocked.Increment(ref window.Sent);
        _ = _pairs[sender].Send(_conversation[sender], $"w5-{window.Id}-{number}", $"w5|{window.Id}|{sender}|{number}|{Clock.Now}").ContinueWith(t =>
        {
            if (t.IsFaulted && Interlocked.Increment(ref window.SendErrors) == 1) window.FirstError = t.Exception!.GetBaseException().Message;
        }, TaskScheduler.Default);
    }

    private void OnMessage(HubClient receiver, ChatMessage message)
    {
        var now = Clock.Now;
        if (_window is not { } window || message.Text is null) return;
        var parts = message.Text.Split('|');
        if (parts.Length != 5 || parts[0] != "w5" || parts[1] != window.Id) return;
        var sender = int.Parse(parts[2]);
        if (sender == receiver.Index) return; // the sender's own copy
        window.Received(sender, int.Parse(parts[3]), long.Parse(parts[4]), now);
    }

    private static int OpenFiles(string pid) => Directory.GetFiles($"/proc/{pid}/fd").Length;

    /// <summary>"Max open files" (soft) of /proc/&lt;pid&gt;/limits.</summary>
    private static int OpenFileLimit(string pid)
    {
        var line = File.ReadLines($"/proc/{pid}/limits").First(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var value = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        return value == "unlimited" ? int.MaxValue : int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed class Window(int users, int perUser)
    {
        private readonly int[][] _received = Enumerable.Range(0, users).Select(_ => new int[perUser]).ToArray();
        private long _duplicates;

        public string Id { get; } = Guid.NewGuid().ToString("N")[..8];
        public LatencyRecorder Latency { get; } = new();
        public long Sent;
        public long Delivered;
        public long SendErrors;
        public string? FirstError;
        public long Duplicates => Interlocked.Read(ref _duplicates);

        public void Received(int sender, int number, long sentAt, long now)
        {
            if ((uint)sender >= (uint)users || (uint)number >= (uint)perUser) return;
            if (Interlocked.Increment(ref _received[sender][number]) > 1)
            {
                Interlocked.Increment(ref _duplicates);
                return;
            }
            Interlocked.Increment(ref Delivered);
            Latency.RecordTicks(sentAt, now);
        }
    }
}
