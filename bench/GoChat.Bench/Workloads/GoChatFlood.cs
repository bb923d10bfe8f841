using System.Diagnostics;
using GoChat.Bench.GoChatSide;
using GoChat.Bench.Measure;
using GoChat.GrainInterfaces.Models;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace GoChat.Bench.Workloads;

/// <summary>
/// W8, one user's flood against everyone else's latency. Load users (exempt from rate limits) send in pairs at a
/// steady rate well under the knee, as in W1, for the whole run; one ordinary user (signed in the ordinary way, so
/// rate-limited like anyone) floods SendMessage as fast as it can over several connections, each one a device,
/// in every other phase. Phases alternate without and with the flood (off, on, off, on, ...), so drift of a shared
/// machine falls on both alike; the two results are the load users' latency over all "off" phases and over all "on"
/// phases, and the flooder's accepted and refused sends per second.
/// </summary>
public sealed class GoChatFlood(GoChatFlood.Options options)
{
    public sealed record Options(
        Uri Gateway, int Users, double Rate, double WarmupSeconds, double PhaseSeconds, int Rounds,
        int FloodConnections, int FloodInFlight, IReadOnlyList<int> ServerPids, string? Out, string? CurvesDir, double GraceSeconds = 10);

    private const int Warmup = -1;

    private HubClient[] _clients = [];
    private string[] _conversation = [];
    private HubClient[] _flooders = [];
    private string _floodConversation = "";
    private Phase[] _phases = [];
    private int[][] _received = [];
    private long _duplicates;
    private long _sendErrors;
    private string? _firstError;
    private volatile Phase? _flooding;

    public async Task Run(CancellationToken ct)
    {
        if (options.Users < 2 || options.Users % 2 != 0) throw new ArgumentException("users must be even and at least 2");
        await Setup(ct);
        try
        {
            var results = await Measure(ct);
            foreach (var r in results) r.Emit(options.Out);
        }
        finally
        {
            await HubClient.DisposeAll(_clients.Concat(_flooders));
        }
    }

    private async Task Setup(CancellationToken ct)
    {
        var hub = new Uri(options.Gateway, "/hubs/chat");
        var watch = Stopwatch.StartNew();
        var tag = $"w8-{Guid.NewGuid():N}"[..12];
        var users = await HubClient.Provision(options.Gateway, tag, options.Users + 1, ct);
        _clients = await HubClient.ConnectAll([hub], users[..options.Users], ct);
        _conversation = new string[options.Users];
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Users / 2), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (pair, token) =>
        {
            var (a, b) = (_clients[2 * pair], _clients[2 * pair + 1]);
            var info = await a.Connection.InvokeAsync<ConversationInfo>("CreateDirectConversation", b.UserId.ToString(), token);
            _conversation[a.Index] = _conversation[b.Index] = info.Id.ToString();
        });
        await HubClient.SyncAll(_clients, ct);
        foreach (var c in _clients) c.OnMessage = OnMessage;

        // The flooder: an ordinary user, several connections (devices), writing to a user who is not measured.
        var flooder = (await HubClient.SignIn(options.Gateway, $"{tag}-flood", 1, ct))[0];
        _flooders = await HubClient.ConnectAll([hub], Enumerable.Repeat<BenchUser?>(flooder, options.FloodConnections).ToList(), ct);
        var sink = users[^1];
        _floodConversation = (await _flooders[0].Connection.InvokeAsync<ConversationInfo>("CreateDirectConversation", sink.UserId.ToString(), ct)).Id.ToString();
        Console.Error.WriteLine($"[gochat W8] {options.Users} load users in pairs and a flooder on {options.FloodConnections} connections, set up in {watch.Elapsed.TotalSeconds:F1} s");
    }

    private async Task<IReadOnlyList<WorkloadResult>> Measure(CancellationToken ct)
    {
        var n = options.Users;
        var phaseCount = 2 * options.Rounds;
        var intervalTicks = Clock.SecondsToTicks(1 / options.Rate);
        var total = options.WarmupSeconds + phaseCount * options.PhaseSeconds;
        var capacity = (int)Math.Ceiling(options.Rate * total) + 16;
        _received = Enumerable.Range(0, n).Select(_ => new int[capacity]).ToArray();
        var start = Clock.Now + Clock.SecondsToTicks(0.2);
        var measureStart = start + Clock.SecondsToTicks(options.WarmupSeconds);
        _phases = Enumerable.Range(0, phaseCount)
            .Select(i => new Phase(i, flood: i % 2 == 1, measureStart + Clock.SecondsToTicks(i * options.PhaseSeconds), Clock.SecondsToTicks(options.PhaseSeconds)))
            .ToArray();
        var end = _phases[^1].End;
        var phaseOffset = Enumerable.Range(0, n).Select(_ => (long)(Random.Shared.NextDouble() * intervalTicks)).ToArray();
        var sentCount = new int[n];
        using var stopFlood = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var floods = _flooders.SelectMany(f => Enumerable.Range(0, options.FloodInFlight).Select(_ => Flood(f, stopFlood.Token))).ToList();

        await Clock.DelayUntilAsync(start, ct);
        var current = -2;
        while (true)
        {
            var now = Clock.Now;
            if (now >= end) break;
            var index = PhaseAt(now);
            if (index != current)
            {
                if (current >= 0) _phases[current].Stop();
                current = index;
                if (index >= 0) _phases[index].Start(options.ServerPids);
                _flooding = index >= 0 && _phases[index].Flood ? _phases[index] : null;
            }
            for (var s = 0; s < n; s++)
            {
                var due = now - start - phaseOffset[s];
                if (due < 0) continue;
                var target = Math.Min(capacity, (int)(due / intervalTicks) + 1);
                while (sentCount[s] < target) Send(s, sentCount[s]++);
            }
            await Task.Delay(1, ct);
        }
        _phases[current].Stop();
        _flooding = null;
        await stopFlood.CancelAsync();
        await Task.WhenAll(floods);

        var graceEnd = Clock.Now + Clock.SecondsToTicks(options.GraceSeconds);
        while (Clock.Now < graceEnd && _phases.Any(p => p.Delivered < p.Sent)) await Task.Delay(20, ct);
        if (_duplicates > 0) Console.Error.WriteLine($"[gochat W8] {_duplicates} load messages received twice");
        if (_sendErrors > 0) Console.Error.WriteLine($"[gochat W8] {_sendErrors} load sends failed: {_firstError}");
        foreach (var p in _phases)
        {
            Console.Error.WriteLine($"[gochat W8] phase {p.Index} flood={(p.Flood ? "on " : "off")}: p99 {p.Latency.PercentileMs(99):F1} ms, " +
                $"delivered {p.Delivered}/{p.Sent}, flooder accepted {p.Accepted / options.PhaseSeconds:F1}/s refused {p.Refused / options.PhaseSeconds:F0}/s");
        }
        return [Result(flood: false), Result(flood: true)];
    }

    private int PhaseAt(long now)
    {
        for (var i = 0; i < _phases.Length; i++)
        {
            if (now >= _phases[i].Begin && now < _phases[i].End) return i;
        }
        return Warmup;
    }

    private WorkloadResult Result(bool flood)
    {
        var phases = _phases.Where(p => p.Flood == flood).ToList();
        var latency = new LatencyRecorder();
        foreach (var p in phases) latency.Add(p.Latency);
        var seconds = phases.Count * options.PhaseSeconds;
        var (sent, delivered) = (phases.Sum(p => p.Sent), phases.Sum(p => p.Delivered));
        var flooder = flood
            ? $" flooder: {options.FloodConnections} connections x {options.FloodInFlight} in flight, accepted {phases.Sum(p => p.Accepted) / seconds:F1}/s, refused {phases.Sum(p => p.Refused) / seconds:F0}/s"
            : "";
        var result = new WorkloadResult("gochat", "w8-flood",
            $"users={options.Users} rate={options.Rate:0.##}/s/user offered={options.Users * options.Rate:0}/s flood={(flood ? "on" : "off")} phases={phases.Count}x{options.PhaseSeconds:0}s{flooder}",
            sent, delivered, sent - delivered, phases.Sum(p => p.Duplicates), seconds, delivered / seconds,
            latency.PercentileMs(50), latency.PercentileMs(95), latency.PercentileMs(99), latency.MaxMs,
            phases.Sum(p => p.ServerCpuSeconds), phases.Sum(p => p.ClientCpuSeconds));
        Curves.Write(options.CurvesDir, result, latency);
        return result;
    }

    /// <summary>One of the flooder's loops: a send, and the next as soon as it is answered; counted while a flood phase runs.</summary>
    private async Task Flood(HubClient flooder, CancellationToken ct)
    {
        var id = 0L;
        while (!ct.IsCancellationRequested)
        {
            var phase = _flooding;
            if (phase is null)
            {
                try
                {
                    await Task.Delay(5, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                continue;
            }
            try
            {
                await flooder.Send(_floodConversation, $"{flooder.Index}-{id++}-{Guid.NewGuid():N}", "flood", ct);
                Interlocked.Increment(ref phase.Accepted);
            }
            catch (HubException e) when (e.Message.Contains("RATE_LIMITED", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref phase.Refused);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void OnMessage(HubClient receiver, ChatMessage message)
    {
        var now = Clock.Now;
        if (message.Text is null) return;
        var parts = message.Text.Split('|');
        if (parts.Length != 4 || parts[0] != "w8") return;
        var sender = int.Parse(parts[1]);
        if (sender == receiver.Index) return; // the sender's own copy
        var number = int.Parse(parts[2]);
        var sentAt = long.Parse(parts[3]);
        if ((uint)sender >= (uint)_received.Length || (uint)number >= (uint)_received[sender].Length) return;
        var index = PhaseAt(sentAt);
        if (Interlocked.Increment(ref _received[sender][number]) > 1)
        {
            Interlocked.Increment(ref _duplicates);
            if (index >= 0) Interlocked.Increment(ref _phases[index].Duplicates);
            return;
        }
        if (index < 0) return;
        Interlocked.Increment(ref _phases[index].Delivered);
        _phases[index].Latency.RecordTicks(sentAt, now);
    }

    private void Send(int sender, int number)
    {
        var client = _clients[sender];
        var now = Clock.Now;
        var index = PhaseAt(now);
        if (index >= 0) Interlocked.Increment(ref _phases[index].Sent);
        _ = client.Send(_conversation[sender], $"w8-{number}", $"w8|{sender}|{number}|{now}").ContinueWith(t =>
        {
            if (t.IsFaulted && Interlocked.Increment(ref _sendErrors) == 1) _firstError = t.Exception!.GetBaseException().Message;
        }, TaskScheduler.Default);
    }

    private sealed class Phase(int index, bool flood, long begin, long length)
    {
        private ProcessCpu.Sample? _serverCpu;
        private TimeSpan _clientCpu;

        public int Index { get; } = index;
        public bool Flood { get; } = flood;
        public long Begin { get; } = begin;
        public long End { get; } = begin + length;
        public LatencyRecorder Latency { get; } = new();
        public long Sent;
        public long Delivered;
        public long Accepted;
        public long Refused;
        public long Duplicates;
        public double ServerCpuSeconds { get; private set; }
        public double ClientCpuSeconds { get; private set; }
        private IReadOnlyList<int> _pids = [];

        public void Start(IReadOnlyList<int> pids)
        {
            _pids = pids;
            _serverCpu = ProcessCpu.Take(pids);
            _clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
        }

        public void Stop()
        {
            if (_serverCpu is null) return;
            ServerCpuSeconds = ProcessCpu.SecondsBetween(_serverCpu, ProcessCpu.Take(_pids));
            ClientCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - _clientCpu).TotalSeconds;
            _serverCpu = null;
        }
    }
}
