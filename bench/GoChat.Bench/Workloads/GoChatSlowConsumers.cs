using System.Diagnostics;
using System.Text.Json;
using GoChat.Bench.GoChatSide;
using GoChat.Bench.Measure;
using GoChat.GrainInterfaces.Models;
using Microsoft.AspNetCore.SignalR.Client;

namespace GoChat.Bench.Workloads;

/// <summary>
/// W7: slow consumers in a big group. Every member is a lean client (<see cref="LeanHubConnection"/>) on one gateway;
/// the owner sends at a steady rate. A warm-up phase (not reported), then phase "without": the slow members are not
/// connected yet, everyone else reads. Phase "with": the slow members connect from the start of the conversation (so
/// they owe every earlier message too) and stop reading their sockets (a small receive buffer and a real network's segment size,
/// so the stall reaches the gateway after ~100 KB instead of loopback's megabytes), the sends go on, then they read
/// again. The figure is the other members' p99 (send call → receipt) in each phase. Any member whose connection
/// ends (a server that closes a client it cannot keep up with) reconnects and syncs from the last seq it holds,
/// as the web client does; at the end every member must hold every message exactly once, slow ones included.
/// </summary>
public sealed class GoChatSlowConsumers(GoChatSlowConsumers.Options options)
{
    /// <param name="PaddingChars">Characters of text after the message's tag.</param>
    /// <param name="Wide">Pad with a CJK character instead of 'x': the hub's JSON escapes it to 6 bytes on the wire (\uXXXX),
    /// so a message of at most 4,096 characters still fills the several MB of socket buffers between a gateway and a
    /// client that stopped reading (Linux autotunes a socket's send buffer up to net.ipv4.tcp_wmem's 4 MB) in a few
    /// hundred messages: only past them does the gateway feel the slow reader.</param>
    public sealed record Options(Uri Gateway, int Members, int Slow, int MessagesPerPhase, double IntervalMs, int PaddingChars, bool Wide,
        int SlowReceiveBuffer, int SlowMaxSegment, IReadOnlyList<int> ServerPids, string? Out, string? CurvesDir, double GraceSeconds = 30);

    /// <summary>Warm-up (JIT, buffers, the group's feed on the gateway), without slow members, with them.</summary>
    private const int Phases = 3;
    private const int SlowPhase = 2;

    private int SlowReceiveBuffer => options.SlowReceiveBuffer;

    /// <summary>Messages sent in a phase: the warm-up needs only a few.</summary>
    private int Count(int phase) => phase == 0 ? Math.Min(50, options.MessagesPerPhase) : options.MessagesPerPhase;
    private int SlowMaxSegment => options.SlowMaxSegment;

    private Member[] _members = [];
    private string _conversation = "";
    private long[,] _sentAt = new long[0, 0];
    private int[,,] _received = new int[0, 0, 0];
    private readonly LatencyRecorder[] _others = [new(), new(), new()];
    private long _reconnects;

    public async Task Run(CancellationToken ct)
    {
        var m = options.Members;
        if (options.Slow >= m - 1) throw new ArgumentException("slow must leave other members who read");
        var watch = Stopwatch.StartNew();
        var hub = new Uri(options.Gateway, "/hubs/chat");
        var users = await HubClient.Provision(options.Gateway, $"w7-{Guid.NewGuid():N}"[..12], m, ct);
        await using var owner = HubClient.Create(0, hub, users[0]);
        await owner.Connection.StartAsync(ct);
        var others = users.Skip(1).Select(u => u.UserId.ToString()).ToList();
        var group = await owner.Connection.InvokeAsync<ConversationInfo>("CreateGroup", $"W7 {m}", others.Take(GrainInterfaces.Limits.MaxMembersPerCall - 1).ToArray(), ct);
        foreach (var chunk in others.Skip(GrainInterfaces.Limits.MaxMembersPerCall - 1).Chunk(GrainInterfaces.Limits.MaxMembersPerCall))
        {
            await owner.Connection.InvokeAsync<ConversationInfo>("AddMembers", group.Id.ToString(), chunk, ct);
        }
        _conversation = group.Id.ToString();
        _sentAt = new long[Phases, options.MessagesPerPhase];
        _received = new int[Phases, options.MessagesPerPhase, m];
        // Members 1..m-1 (the owner only sends); the last `Slow` of them are the slow ones.
        _members = users.Skip(1).Select((u, i) => new Member(this, i + 1, u, slow: i + 1 >= m - options.Slow)).ToArray();
        // The slow members' small receive buffers cannot be widened later, and reading through them is itself slow (they
        // were closed and resynced even while reading): they join only for the phase that measures them.
        await Parallel.ForEachAsync(_members.Where(x => !x.Slow), new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = ct }, async (member, token) => await member.Connect(hub, token));
        using var stopPings = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pinger = LeanHubConnection.PingAll(() => _members.Select(x => x.Connection).OfType<LeanHubConnection>().ToList(), TimeSpan.FromSeconds(10), stopPings.Token);
        Console.Error.WriteLine($"[gochat W7] {m} members ({options.Slow} slow) on one gateway ready in {watch.Elapsed.TotalSeconds:F1} s");
        try
        {
            var measured = new List<(int Phase, double Send, double Server, double Client)>();
            for (var phase = 0; phase < Phases; phase++)
            {
                var slowPhase = phase == SlowPhase;
                if (slowPhase)
                {
                    await Parallel.ForEachAsync(_members.Where(x => x.Slow), new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = ct },
                        async (member, token) => await member.JoinStalled(hub, token));
                }
                var serverCpu = ProcessCpu.Take(options.ServerPids);
                var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
                var start = Clock.Now;
                await SendPhase(owner, phase, ct);
                var sendSeconds = Clock.TicksToSeconds(Clock.Now - start);
                if (slowPhase) foreach (var s in _members.Where(x => x.Slow)) s.Resume();
                var graceEnd = Clock.Now + Clock.SecondsToTicks(options.GraceSeconds);
                // After the slow phase everyone, the slow members included, must hold every message of every phase.
                while (Clock.Now < graceEnd && (slowPhase ? MissingAnywhere() : Missing(phase, slow: false)) > 0) await Task.Delay(50, ct);
                var serverSeconds = ProcessCpu.SecondsBetween(serverCpu, ProcessCpu.Take(options.ServerPids));
                var clientSeconds = (Process.GetCurrentProcess().TotalProcessorTime - clientCpu).TotalSeconds;
                if (phase > 0) measured.Add((phase, sendSeconds, serverSeconds, clientSeconds));
            }
            foreach (var (phase, send, server, client) in measured) Result(phase, send, server, client).Emit(options.Out);
        }
        finally
        {
            await stopPings.CancelAsync();
            await pinger;
            foreach (var member in _members) await member.DisposeAsync();
        }
    }

    private async Task SendPhase(HubClient owner, int phase, CancellationToken ct)
    {
        var padding = new string(options.Wide ? '\u4E2D' : 'x', options.PaddingChars);
        var interval = Clock.SecondsToTicks(options.IntervalMs / 1000);
        var start = Clock.Now;
        var sends = new List<Task>(Count(phase));
        for (var k = 0; k < Count(phase); k++)
        {
            await Clock.DelayUntilAsync(start + k * interval, ct);
            _sentAt[phase, k] = Clock.Now;
            sends.Add(owner.Send(_conversation, $"w7-{phase}-{k}", $"w7|{phase}|{k}|{padding}", ct));
        }
        await Task.WhenAll(sends);
    }

    private void Received(Member member, ChatMessage message)
    {
        var now = Clock.Now;
        if (message.Text is null || !message.Text.StartsWith("w7|", StringComparison.Ordinal)) return;
        var parts = message.Text.Split('|', 4);
        var (phase, k) = (int.Parse(parts[1]), int.Parse(parts[2]));
        if (Interlocked.Increment(ref _received[phase, k, member.Index]) > 1) return;
        if (!member.Slow) _others[phase].RecordTicks(_sentAt[phase, k], now);
    }

    private long Missing(int phase, bool? slow = null)
    {
        long missing = 0;
        foreach (var member in _members)
        {
            if (slow is { } s && member.Slow != s) continue;
            for (var k = 0; k < Count(phase); k++)
            {
                if (Volatile.Read(ref _received[phase, k, member.Index]) == 0) missing++;
            }
        }
        return missing;
    }

    private long MissingAnywhere() => Enumerable.Range(0, Phases).Sum(p => Missing(p));

    private long Duplicates(int phase)
    {
        long duplicates = 0;
        foreach (var member in _members)
        {
            for (var k = 0; k < Count(phase); k++) duplicates += Math.Max(0, Volatile.Read(ref _received[phase, k, member.Index]) - 1);
        }
        return duplicates;
    }

    private WorkloadResult Result(int phase, double sendSeconds, double serverSeconds, double clientSeconds)
    {
        var slow = phase == SlowPhase ? options.Slow : 0;
        var expected = (long)_members.Length * options.MessagesPerPhase;
        var (missing, missingSlow, duplicates) = (Missing(phase), Missing(phase, slow: true), Duplicates(phase));
        var latency = _others[phase];
        var wire = options.PaddingChars * (options.Wide ? 6 : 1) + 200;
        var parameters = $"members={options.Members} slow={slow} messages={options.MessagesPerPhase} interval={options.IntervalMs:0}ms " +
            $"push={wire / 1024.0:0.#}KB per-member={wire * (double)options.MessagesPerPhase / (1 << 20):0.#}MB slow-rcvbuf={options.SlowReceiveBuffer}B slow-mss={options.SlowMaxSegment} reconnects={Interlocked.Read(ref _reconnects)}";
        Console.Error.WriteLine($"[gochat W7] phase slow={slow}: others {latency}; missing {missing} ({missingSlow} of them the slow members'), duplicates {duplicates}");
        var result = new WorkloadResult("gochat", "w7-slow-consumers", parameters, options.MessagesPerPhase, expected - missing, missing, duplicates,
            sendSeconds, (expected - missing) / Math.Max(sendSeconds, 0.001), latency.PercentileMs(50), latency.PercentileMs(95), latency.PercentileMs(99), latency.MaxMs,
            serverSeconds, clientSeconds);
        Curves.Write(options.CurvesDir, result, latency);
        return result;
    }

    /// <summary>One member: its connection, and a new one (synced from the last seq it holds) whenever that one ends.</summary>
    private sealed class Member(GoChatSlowConsumers owner, int index, BenchUser user, bool slow) : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private long _lastSeq = -1;
        private bool _paused;
        private Uri? _hub;

        public int Index { get; } = index;
        public bool Slow { get; } = slow;
        public LeanHubConnection? Connection { get; private set; }

        public async Task Connect(Uri hub, CancellationToken ct)
        {
            _hub = hub;
            var c = (await LeanHubConnection.ConnectAll([hub], [null], [user], Index, sync: false, ct, parallel: 1,
                receiveBufferBytes: Slow ? owner.SlowReceiveBuffer : 0, maxSegment: Slow ? owner.SlowMaxSegment : 0))[0];
            c.OnMessage = OnMessage;
            var last = Interlocked.Read(ref _lastSeq);
            await c.Sync(last < 0 ? null : new Dictionary<string, long> { [owner._conversation] = last }, ct);
            Connection = c;
            if (_paused) c.PauseReading();
            _ = c.Closed.ContinueWith(_ => Reconnect(c), TaskScheduler.Default);
        }

        private async Task Reconnect(LeanHubConnection closed)
        {
            if (_stop.IsCancellationRequested || _hub is null) return;
            await closed.DisposeAsync();
            Interlocked.Increment(ref owner._reconnects);
            for (var attempt = 1; attempt <= 20 && !_stop.IsCancellationRequested; attempt++)
            {
                try
                {
                    await Connect(_hub, _stop.Token);
                    return;
                }
                catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or System.Net.WebSockets.WebSocketException or JsonException)
                {
                    await Task.Delay(250 * attempt);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        private void OnMessage(LeanHubConnection _, ChatMessage message)
        {
            // Per conversation the log arrives in seq order: the highest seq held is where a resync starts.
            if (message.Seq > Interlocked.Read(ref _lastSeq)) Interlocked.Exchange(ref _lastSeq, message.Seq);
            owner.Received(this, message);
        }

        /// <summary>Connects holding nothing of the conversation (so its whole log is owed) and stops reading at once.</summary>
        public async Task JoinStalled(Uri hub, CancellationToken ct)
        {
            Interlocked.Exchange(ref _lastSeq, 0);
            _paused = true;
            await Connect(hub, ct);
        }

        public void Pause()
        {
            _paused = true;
            Connection?.PauseReading();
        }

        public void Resume()
        {
            _paused = false;
            Connection?.ResumeReading();
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            if (Connection is { } c) await c.DisposeAsync();
            _stop.Dispose();
        }
    }
}
