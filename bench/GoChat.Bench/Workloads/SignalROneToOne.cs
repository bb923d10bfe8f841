using System.Diagnostics;
using GoChat.Bench.GoChatSide;
using GoChat.Bench.Measure;
using GoChat.GrainInterfaces.Models;
using Microsoft.AspNetCore.SignalR.Client;

namespace GoChat.Bench.Workloads;

/// <summary>
/// W1 over SignalR: users in pairs, each sending to its peer at a fixed rate, stepped up until the knee
/// (p99 over 100 ms or under 99.9 % delivered). Runs against a GoChat gateway (durable: acknowledged after
/// PostgreSQL commits) or the bare relay (the ceiling: no Orleans, no database), with the same client code.
/// Each message's text carries its sender, number and send timestamp; latency is send call → peer's receipt.
/// Users are load users (exempt from rate limits); <c>--ordinary</c> signs them in the ordinary way instead, so the
/// same run measures what the per-user and per-device limits cost (under 10 msg/s each, none is refused).
/// Each rate is measured in <see cref="Options.Windows"/> back-to-back windows after one warm-up, one result line per
/// window; the knee is judged on the worst of them. With <see cref="Options.LikeWeb"/> every receiver marks each message
/// read and a share of the sends is typed (<see cref="WebLikeClient"/>), as the web client does with the chat open.
/// </summary>
public sealed class SignalROneToOne(SignalROneToOne.Options options)
{
    public sealed record Options(
        string System, Uri Gateway, string HubPath, int Users, IReadOnlyList<double> Rates,
        double WarmupSeconds, double DurationSeconds, IReadOnlyList<int> ServerPids, string? Out, string? CurvesDir,
        double KneeP99Ms = 100, double GraceSeconds = 10, bool Ordinary = false, int Windows = 3, bool LikeWeb = false,
        double TypingShare = 0.2, string? PostgresStats = null, IReadOnlyList<Uri>? RuntimeProbes = null);

    private HubClient[] _clients = [];
    private string[] _conversation = [];
    private Step? _step;
    private readonly WebLikeClient? _web = options.LikeWeb ? new WebLikeClient(options.TypingShare) : null;

    public async Task<IReadOnlyList<WorkloadResult>> Run(CancellationToken ct)
    {
        if (options.Users < 2 || options.Users % 2 != 0) throw new ArgumentException("users must be even and at least 2");
        await Setup(ct);
        var results = new List<WorkloadResult>();
        try
        {
            var stepIndex = 0;
            foreach (var rate in options.Rates)
            {
                var windows = await RunStep(++stepIndex, rate, ct);
                foreach (var result in windows) result.Emit(options.Out);
                results.AddRange(windows);
                // The worst window decides: a step whose one window stalled is past the knee.
                var knee = windows.Any(r => r.P99Ms > options.KneeP99Ms || r.Lost > r.Sent / 1000);
                if (knee) break;
            }
        }
        finally
        {
            await HubClient.DisposeAll(_clients);
        }
        return results;
    }

    private bool IsRelay => options.System == "relay";

    private async Task Setup(CancellationToken ct)
    {
        var hub = new Uri(options.Gateway, options.HubPath);
        var watch = Stopwatch.StartNew();
        BenchUser?[] users = IsRelay
            ? new BenchUser?[options.Users]
            : options.Ordinary
                ? await HubClient.SignIn(options.Gateway, $"w1-{Guid.NewGuid():N}"[..12], options.Users, ct)
                : await HubClient.Provision(options.Gateway, $"w1-{Guid.NewGuid():N}"[..12], options.Users, ct);
        _clients = await HubClient.ConnectAll([hub], users, ct);
        _conversation = new string[options.Users];
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Users / 2), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (pair, token) =>
        {
            var (a, b) = (_clients[2 * pair], _clients[2 * pair + 1]);
            string id;
            if (IsRelay)
            {
                id = Guid.NewGuid().ToString();
                await a.Connection.InvokeAsync("Join", id, token);
                await b.Connection.InvokeAsync("Join", id, token);
            }
            else
            {
                var info = await a.Connection.InvokeAsync<ConversationInfo>("CreateDirectConversation", b.UserId.ToString(), token);
                id = info.Id.ToString();
            }
            _conversation[a.Index] = _conversation[b.Index] = id;
        });
        if (!IsRelay)
        {
            // Sync joins each connection to its conversations' live feeds, as a real client does after connecting.
            await HubClient.SyncAll(_clients, ct);
        }
        foreach (var c in _clients) c.OnMessage = OnMessage;
        Console.Error.WriteLine($"[{options.System} W1] {options.Users} users connected in pairs in {watch.Elapsed.TotalSeconds:F1} s");
    }

    private void OnMessage(HubClient receiver, ChatMessage message)
    {
        var step = _step;
        if (step is null || message.Text is null) return;
        var now = Clock.Now;
        var parts = message.Text.Split('|');
        if (parts.Length != 4 || !int.TryParse(parts[0], out var stepId) || stepId != step.Id) return;
        var sender = int.Parse(parts[1]);
        if (sender == receiver.Index) return; // the sender's own copy
        step.Received(sender, int.Parse(parts[2]), long.Parse(parts[3]), now);
        _web?.Received(receiver, message);
    }

    private async Task<IReadOnlyList<WorkloadResult>> RunStep(int id, double rate, CancellationToken ct)
    {
        var n = options.Users;
        var intervalTicks = Clock.SecondsToTicks(1 / rate);
        var capacity = (int)Math.Ceiling(rate * (options.WarmupSeconds + options.Windows * options.DurationSeconds)) + 16;
        var start = Clock.Now + Clock.SecondsToTicks(0.2);
        var windows = new MeasureWindows(start + Clock.SecondsToTicks(options.WarmupSeconds), options.DurationSeconds, options.Windows);
        var step = new Step(id, n, capacity, windows);
        var end = windows.End;
        _step = step;
        var phase = Enumerable.Range(0, n).Select(_ => (long)(Random.Shared.NextDouble() * intervalTicks)).ToArray();
        var sentCount = new int[n];

        await using var probes = new StepProbes(options, _web, _clients);
        var edges = windows.SampleEdges(options.ServerPids, probes.List, ct);
        await Clock.DelayUntilAsync(start, ct);
        while (true)
        {
            var now = Clock.Now;
            if (now >= end) break;
            for (var s = 0; s < n; s++)
            {
                var due = now - start - phase[s];
                if (due < 0) continue;
                var target = Math.Min(capacity, (int)(due / intervalTicks) + 1);
                if (sentCount[s] < target) windows.SendLag(now, due - sentCount[s] * intervalTicks);
                while (sentCount[s] < target) Send(step, s, sentCount[s]++);
            }
            await Task.Delay(1, ct);
        }
        await edges;

        // Everything sent inside the windows has its grace period to arrive; what does not is lost.
        var graceEnd = Clock.Now + Clock.SecondsToTicks(options.GraceSeconds);
        while (Clock.Now < graceEnd && (windows.DeliveredTotal < windows.SentTotal || step.Outstanding > 0)) await Task.Delay(20, ct);
        _step = null;

        var parameters = $"users={n}{(options.Ordinary ? " ordinary" : "")}{(options.LikeWeb ? " like-web" : "")} rate={rate:0.##}/s/user offered={n * rate:0}/s";
        var results = Enumerable.Range(0, windows.Count).Select(w => windows.Result(w, options.System, "w1-one-to-one", parameters)).ToList();
        if (step.SendErrors > 0) Console.Error.WriteLine($"[{options.System} W1] {step.SendErrors} sends failed: {step.FirstError}");
        foreach (var r in results)
        {
            Console.Error.WriteLine($"[{options.System} W1] {parameters} window {r.Window}: p99 {r.P99Ms:F1} ms, {r.DeliveredPerSecond:F0}/s, " +
                $"{r.ServerCpuPerThousand:F3} CPU-s per 1,000; {string.Join(", ", r.Counters!.Select(c => $"{c.Key} {c.Value:0.###}"))}");
        }
        // The step's curve is every window's latencies together, named after the step.
        Curves.Write(options.CurvesDir, results[0], windows.Combined());
        return results;
    }

    private void Send(Step step, int sender, int number)
    {
        var client = _clients[sender];
        var conversation = _conversation[sender];
        var typed = _web is not null && _web.Types(sender, number);
        if (typed) _web!.Typing(client, conversation, true);
        var now = Clock.Now;
        step.Windows.Sent(now);
        var text = $"{step.Id}|{sender}|{number}|{now}";
        Interlocked.Increment(ref step.Outstanding);
        // The composer says "stopped" as it sends.
        if (typed) _web!.Typing(client, conversation, false);
        _ = client.Send(conversation, $"{step.Id}-{number}", text).ContinueWith(t =>
        {
            Interlocked.Decrement(ref step.Outstanding);
            if (t.IsFaulted) step.Failed(t.Exception!.GetBaseException());
        }, TaskScheduler.Default);
    }

    /// <summary>What each window samples beside its figures: the client's GC, PostgreSQL's background work, the receipts.</summary>
    private sealed class StepProbes : IAsyncDisposable
    {
        private readonly PostgresProbe? _postgres;
        private readonly List<ServerRuntimeProbe> _servers;

        public StepProbes(Options options, WebLikeClient? web, HubClient[] clients)
        {
            var list = new List<IWindowProbe> { new ClientRuntimeProbe() };
            if (options.PostgresStats is { } cs) list.Add(_postgres = new PostgresProbe(cs));
            // server.0 is the process the clients talk to (the node, or the gateway), server.1 the silo when apart.
            _servers = (options.RuntimeProbes ?? []).Select((uri, i) => new ServerRuntimeProbe(i.ToString(System.Globalization.CultureInfo.InvariantCulture), uri)).ToList();
            list.AddRange(_servers);
            if (web is not null) list.Add(new CountersProbe(() => web.Counters(clients)));
            List = list;
        }

        public IReadOnlyList<IWindowProbe> List { get; }

        public ValueTask DisposeAsync()
        {
            foreach (var s in _servers) s.Dispose();
            return _postgres?.DisposeAsync() ?? ValueTask.CompletedTask;
        }
    }

    private sealed class Step(int id, int users, int capacity, MeasureWindows windows)
    {
        private readonly int[][] _received = Enumerable.Range(0, users).Select(_ => new int[capacity]).ToArray();
        private long _sendErrors;

        public int Id { get; } = id;
        public MeasureWindows Windows { get; } = windows;
        public long Outstanding;
        public string? FirstError { get; private set; }

        public long SendErrors => Interlocked.Read(ref _sendErrors);

        public void Received(int sender, int number, long sentAt, long now)
        {
            if ((uint)sender >= (uint)users || (uint)number >= (uint)capacity) return;
            if (Interlocked.Increment(ref _received[sender][number]) > 1)
            {
                Windows.Duplicate(sentAt);
                return;
            }
            Windows.Delivered(sentAt, now);
        }

        public void Failed(Exception error)
        {
            if (Interlocked.Increment(ref _sendErrors) == 1) FirstError = error.Message;
        }
    }
}
