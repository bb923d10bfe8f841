using System.Globalization;
using GoChat.Bench.Measure;
using GoChat.Bench.Xmpp;

namespace GoChat.Bench.Workloads;

public sealed record OneToOneOptions(
    int Users, double Rate, double WarmupSeconds, double DurationSeconds, bool FromIntended, bool OneWay = false, int Windows = 1)
{
    public int Senders => OneWay ? Users / 2 : Users;

    public double Offered => Senders * Rate;

    public string Describe(string tier) => string.Create(CultureInfo.InvariantCulture,
        $"users={Users} rate={Rate} warmup={WarmupSeconds} duration={DurationSeconds} offered={Offered}/s " +
        $"{(OneWay ? "one_way " : "")}tier={tier} latency_from={(FromIntended ? "intended" : "send")}");
}

/// <summary>
/// W1, one-to-one. Users 1..N in pairs (1-2, 3-4, ...); every user sends to its partner at a fixed rate R
/// (open loop: the schedule does not wait for deliveries), so the offered load is N × R messages/s (with
/// --one-way only the first of each pair sends: N/2 × R). Senders are staggered evenly over one interval. The run is: logins (not measured), warmup W s,
/// --windows measured windows of D s back to back (one result line each, as GoChat's W1), stop sending, then a grace
/// period for the windows' messages to arrive.
///
/// Each body is "sender:seq:intended:sent" in <see cref="Clock"/> ticks: the scheduled time and the time taken
/// right before the socket write. A message belongs to the window if it was scheduled inside it. Latency is
/// receive time minus send time (or minus the scheduled time with --from-intended, which also charges
/// client-side lag and TCP backpressure, i.e. corrects for coordinated omission). Lost = scheduled in the window
/// and not received by the end of the grace period; duplicates are counted on every message.
/// Server CPU = CPU seconds of the server pids over the window; client CPU = this process over the window.
/// </summary>
public static class XmppOneToOne
{
    private sealed class Receiver
    {
        public required int Partner { get; init; }
        public required byte[] Seen { get; init; }
    }

    public static async Task<IReadOnlyList<WorkloadResult>> RunAsync(XmppRun run, OneToOneOptions o, CancellationToken ct)
    {
        if (o.Users < 2 || o.Users % 2 != 0)
        {
            throw new ArgumentException("--users must be an even number >= 2");
        }
        if (o.Rate <= 0 || o.DurationSeconds <= 0 || o.WarmupSeconds < 0)
        {
            throw new ArgumentException("--rate and --duration must be > 0, --warmup >= 0");
        }
        int n = o.Users;
        int maxSeq = (int)Math.Ceiling(o.Rate * (o.WarmupSeconds + o.Windows * o.DurationSeconds)) + 2;
        var receivers = Enumerable.Range(0, n)
            .Select(i => new Receiver { Partner = i ^ 1, Seen = new byte[maxSeq] })
            .ToArray();
        MeasureWindows? windows = null; // set before the first send
        long duplicates = 0, unexpected = 0, receivedTotal = 0;

        Action<XmppMessage> HandlerFor(int me) => msg =>
        {
            long now = Clock.Now;
            if (msg.Type != "chat")
            {
                return;
            }
            Interlocked.Increment(ref receivedTotal);
            if (!TryParseBody(msg.Body, out int sender, out int seq, out long intended, out long sent)
                || sender != receivers[me].Partner || (uint)seq >= (uint)maxSeq)
            {
                Interlocked.Increment(ref unexpected);
                return;
            }
            // Only this connection's read loop touches this receiver's array.
            ref byte seen = ref receivers[me].Seen[seq];
            if (seen != 0)
            {
                Interlocked.Increment(ref duplicates);
                Volatile.Read(ref windows)?.Duplicate(intended);
                return;
            }
            seen = 1;
            Volatile.Read(ref windows)?.Delivered(intended, o.FromIntended ? intended : sent, now);
        };

        var names = Enumerable.Range(0, n).Select(run.UserName).ToArray();
        XmppRun.Log($"W1: logging in {n} users ({run.LoginConcurrency} at a time)");
        long loginStart = Clock.Now;
        var clients = await XmppConnector.ConnectAllAsync(run.Client, names, run.Password,
            run.Resource + "-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture), HandlerFor,
            run.LoginConcurrency, ct).ConfigureAwait(false);
        XmppRun.Log($"W1: {n} logged in in {Clock.TicksToSeconds(Clock.Now - loginStart):F1} s");
        try
        {
            var pids = run.ResolveServerPids();
            var jids = Enumerable.Range(0, n).Select(run.BareJid).ToArray();

            double interval = Clock.SecondsToTicks(1.0 / o.Rate);
            long start = Clock.Now + Clock.SecondsToTicks(0.2);
            Volatile.Write(ref windows, new MeasureWindows(start + Clock.SecondsToTicks(o.WarmupSeconds), o.DurationSeconds, o.Windows));
            long windowEnd = windows.End;

            // CPU is sampled on the windows' edges by its own task, so the send loop keeps its schedule.
            var cpuTask = Task.Run(() => windows.SampleEdges(pids, [new ClientRuntimeProbe()], ct), ct);

            // One scheduler for all senders: a min-heap of next send times; never more than one timer pending.
            var offsets = Enumerable.Range(0, n).Select(i => (long)(interval * i / n)).ToArray();
            var seqs = new int[n];
            var queue = new PriorityQueue<int, long>(n);
            for (int i = 0; i < n; i += o.OneWay ? 2 : 1)
            {
                queue.Enqueue(i, start + offsets[i]);
            }
            var sendLag = new LatencyRecorder();
            var pending = new List<Task>();
            long sentTotal = 0, sendErrors = 0;
            XmppRun.Log($"W1: sending {o.Offered:F0} msg/s ({o.Senders} senders x {o.Rate}/s): warmup {o.WarmupSeconds} s, measure {o.Windows} x {o.DurationSeconds} s");
            while (queue.TryPeek(out int i, out long due))
            {
                if (due >= windowEnd)
                {
                    break; // the heap's minimum is past the end: every sender is done
                }
                long now = Clock.Now;
                if (due > now)
                {
                    await Clock.DelayUntilAsync(due, ct).ConfigureAwait(false);
                    continue;
                }
                queue.Dequeue();
                int seq = seqs[i]++;
                windows.Sent(due);
                sentTotal++;
                sendLag.RecordTicks(due, now);
                windows.SendLag(due, now - due);
                var send = clients[i].SendStampedMessageAsync(jids[i ^ 1], "chat",
                    string.Create(CultureInfo.InvariantCulture, $"{i}:{seq}:{due}:"));
                if (!send.IsCompletedSuccessfully)
                {
                    pending.Add(send);
                }
                queue.Enqueue(i, start + offsets[i] + (long)((seq + 1) * interval));
            }
            long sendEnd = Clock.Now;
            foreach (var t in pending)
            {
                try
                {
                    await t.WaitAsync(TimeSpan.FromSeconds(run.GraceSeconds), ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or TimeoutException)
                {
                    sendErrors++;
                }
            }
            await cpuTask.ConfigureAwait(false);

            // Grace: wait for the windows' messages (bounded).
            long graceEnd = Math.Max(Clock.Now, sendEnd) + Clock.SecondsToTicks(run.GraceSeconds);
            while (windows.DeliveredTotal < windows.SentTotal && Clock.Now < graceEnd)
            {
                await Task.Delay(10, ct).ConfigureAwait(false);
            }
            double drain = Clock.TicksToSeconds(Clock.Now - windowEnd);
            int broken = clients.Count(c => !c.IsConnected);
            long bounced = clients.Sum(c => c.MessageErrors);
            var results = Enumerable.Range(0, windows.Count).Select(w => windows.Result(w, run.System, "w1-one-to-one", o.Describe(run.Tier))).ToList();
            foreach (var r in results)
            {
                XmppRun.Log(string.Create(CultureInfo.InvariantCulture,
                    $"W1: window {r.Window}: sent {r.Sent} ({r.Sent / o.DurationSeconds:F0}/s of {o.Offered:F0}/s offered), delivered {r.Delivered}; " +
                    $"p50 {r.P50Ms:F1} ms p99 {r.P99Ms:F1} ms max {r.MaxMs:F1} ms; server CPU {r.ServerCpuSeconds:F2} s ({r.ServerCpuPerThousand:F3} s per 1,000), client CPU {r.ClientCpuSeconds:F2} s"));
            }
            XmppRun.Log(string.Create(CultureInfo.InvariantCulture,
                $"W1: {sentTotal} sent in all; last window message after {drain:F2} s past the end; " +
                $"send lag p99 {sendLag.PercentileMs(99):F2} ms max {sendLag.MaxMs:F2} ms; " +
                $"duplicates {Interlocked.Read(ref duplicates)}, unexpected {Interlocked.Read(ref unexpected)}, " +
                $"bounced {bounced}, send errors {sendErrors}, dropped connections {broken}"));
            if (broken > 0)
            {
                XmppRun.Log($"W1: first connection error: {clients.First(c => !c.IsConnected).Error?.Message}");
            }
            // The step's curve is every window's latencies together.
            Curves.Write(run.CurvesDir, results[0], windows.Combined());
            return results;
        }
        finally
        {
            XmppRun.Log("W1: closing connections");
            await XmppConnector.CloseAllAsync(clients).ConfigureAwait(false);
        }
    }

    /// <summary>"sender:seq:intended:sent" → its four numbers.</summary>
    private static bool TryParseBody(string body, out int sender, out int seq, out long intended, out long sent)
    {
        sender = seq = 0;
        intended = sent = 0;
        var s = body.AsSpan();
        Span<Range> parts = stackalloc Range[5];
        if (s.Split(parts, ':') != 4)
        {
            return false;
        }
        return int.TryParse(s[parts[0]], NumberStyles.None, CultureInfo.InvariantCulture, out sender)
            && int.TryParse(s[parts[1]], NumberStyles.None, CultureInfo.InvariantCulture, out seq)
            && long.TryParse(s[parts[2]], NumberStyles.None, CultureInfo.InvariantCulture, out intended)
            && long.TryParse(s[parts[3]], NumberStyles.None, CultureInfo.InvariantCulture, out sent);
    }
}
