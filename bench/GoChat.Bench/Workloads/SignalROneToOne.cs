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
/// </summary>
public sealed class SignalROneToOne(SignalROneToOne.Options options)
{
    public sealed record Options(
        string System, Uri Gateway, string HubPath, int Users, IReadOnlyList<double> Rates,
        double WarmupSeconds, double DurationSeconds, IReadOnlyList<int> ServerPids, string? Out, string? CurvesDir,
        double KneeP99Ms = 100, double GraceSeconds = 10, bool Ordinary = false);

    private HubClient[] _clients = [];
    private string[] _conversation = [];
    private Step? _step;

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
                var result = await RunStep(++stepIndex, rate, ct);
                result.Emit(options.Out);
                results.Add(result);
                var knee = result.P99Ms > options.KneeP99Ms || result.Lost > result.Sent / 1000;
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
    }

    private async Task<WorkloadResult> RunStep(int id, double rate, CancellationToken ct)
    {
        var n = options.Users;
        var intervalTicks = Clock.SecondsToTicks(1 / rate);
        var capacity = (int)Math.Ceiling(rate * (options.WarmupSeconds + options.DurationSeconds)) + 16;
        var start = Clock.Now + Clock.SecondsToTicks(0.2);
        var step = new Step(id, n, capacity, start + Clock.SecondsToTicks(options.WarmupSeconds));
        var end = step.MeasureStart + Clock.SecondsToTicks(options.DurationSeconds);
        step.MeasureEnd = end;
        _step = step;
        var phase = Enumerable.Range(0, n).Select(_ => (long)(Random.Shared.NextDouble() * intervalTicks)).ToArray();
        var sentCount = new int[n];

        await Clock.DelayUntilAsync(start, ct);
        var serverCpu = ProcessCpu.Take(options.ServerPids);
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var measuring = false;
        while (true)
        {
            var now = Clock.Now;
            if (now >= end) break;
            if (!measuring && now >= step.MeasureStart)
            {
                measuring = true;
                serverCpu = ProcessCpu.Take(options.ServerPids);
                clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
            }
            for (var s = 0; s < n; s++)
            {
                var due = now - start - phase[s];
                if (due < 0) continue;
                var target = Math.Min(capacity, (int)(due / intervalTicks) + 1);
                while (sentCount[s] < target) Send(step, s, sentCount[s]++);
            }
            await Task.Delay(1, ct);
        }
        var serverCpuEnd = ProcessCpu.Take(options.ServerPids);
        var clientCpuEnd = Process.GetCurrentProcess().TotalProcessorTime;

        // Everything sent inside the window has its grace period to arrive; what does not is lost.
        var graceEnd = Clock.Now + Clock.SecondsToTicks(options.GraceSeconds);
        while (Clock.Now < graceEnd && (step.MeasuredDelivered < step.MeasuredSent || step.Outstanding > 0)) await Task.Delay(20, ct);
        _step = null;

        var delivered = step.MeasuredDelivered;
        var result = new WorkloadResult(options.System, "w1-one-to-one",
            $"users={n}{(options.Ordinary ? " ordinary" : "")} rate={rate:0.##}/s/user offered={n * rate:0}/s", step.MeasuredSent, delivered,
            step.MeasuredSent - delivered, step.Duplicates, options.DurationSeconds, delivered / options.DurationSeconds,
            step.Latency.PercentileMs(50), step.Latency.PercentileMs(95), step.Latency.PercentileMs(99), step.Latency.MaxMs,
            ProcessCpu.SecondsBetween(serverCpu, serverCpuEnd), (clientCpuEnd - clientCpu).TotalSeconds);
        if (step.SendErrors > 0) Console.Error.WriteLine($"[{options.System} W1] {step.SendErrors} sends failed: {step.FirstError}");
        Curves.Write(options.CurvesDir, result, step.Latency);
        return result;
    }

    private void Send(Step step, int sender, int number)
    {
        var client = _clients[sender];
        var now = Clock.Now;
        step.Sent(sender, number, now);
        var text = $"{step.Id}|{sender}|{number}|{now}";
        Interlocked.Increment(ref step.Outstanding);
        _ = client.Send(_conversation[sender], $"{step.Id}-{number}", text).ContinueWith(t =>
        {
            Interlocked.Decrement(ref step.Outstanding);
            if (t.IsFaulted) step.Failed(t.Exception!.GetBaseException());
        }, TaskScheduler.Default);
    }

    private sealed class Step(int id, int users, int capacity, long measureStart)
    {
        private readonly int[][] _received = Enumerable.Range(0, users).Select(_ => new int[capacity]).ToArray();
        private long _measuredSent;
        private long _measuredDelivered;
        private long _duplicates;
        private long _sendErrors;

        public int Id { get; } = id;
        public long MeasureStart { get; } = measureStart;
        public long MeasureEnd { get; set; } = long.MaxValue;
        public LatencyRecorder Latency { get; } = new();
        public long Outstanding;
        public string? FirstError { get; private set; }

        public long MeasuredSent => Interlocked.Read(ref _measuredSent);
        public long MeasuredDelivered => Interlocked.Read(ref _measuredDelivered);
        public long Duplicates => Interlocked.Read(ref _duplicates);
        public long SendErrors => Interlocked.Read(ref _sendErrors);

        private bool InWindow(long at) => at >= MeasureStart && at < MeasureEnd;

        public void Sent(int sender, int number, long at)
        {
            if (InWindow(at)) Interlocked.Increment(ref _measuredSent);
        }

        public void Received(int sender, int number, long sentAt, long now)
        {
            if ((uint)sender >= (uint)users || (uint)number >= (uint)capacity) return;
            if (Interlocked.Increment(ref _received[sender][number]) > 1)
            {
                Interlocked.Increment(ref _duplicates);
                return;
            }
            if (!InWindow(sentAt)) return;
            Interlocked.Increment(ref _measuredDelivered);
            Latency.RecordTicks(sentAt, now);
        }

        public void Failed(Exception error)
        {
            if (Interlocked.Increment(ref _sendErrors) == 1) FirstError = error.Message;
        }
    }
}
