using System.Globalization;
using GoChat.Bench.Measure;
using GoChat.Bench.Xmpp;

namespace GoChat.Bench.Workloads;

public sealed record GroupFanoutOptions(
    int Members, int Messages, double IntervalMs, int Senders, int WarmupMessages, string Room, TimeSpan JoinTimeout)
{
    public string Describe(string tier) => string.Create(CultureInfo.InvariantCulture,
        $"members={Members} messages={Messages} interval_ms={IntervalMs} senders={Senders} " +
        $"warmup_messages={WarmupMessages} tier={tier}");
}

/// <summary>
/// W2, group fan-out. M members (users 1..M) log in and join one MUC room (the first creates it as an instant
/// room); then members 1..S take turns sending K messages one every I ms, far enough apart that they do not
/// overlap, after a few warmup messages that are not measured. Per message the figure is the time until the
/// LAST of the other M-1 members has it (the sender's own echo from the room is not counted), from the send
/// timestamp in the body. Delivered = deliveries to the other members; Lost = K × (M-1) − delivered by the end
/// of the grace period; duplicates per member and message. CPU is measured from the first measured send to the
/// last delivery (or the end of the grace period).
/// </summary>
public static class XmppGroupFanout
{
    public static async Task<WorkloadResult> RunAsync(XmppRun run, GroupFanoutOptions o, CancellationToken ct)
    {
        if (o.Members < 2 || o.Messages < 1 || o.Senders < 1 || o.Senders > o.Members || o.IntervalMs <= 0 || o.WarmupMessages < 0)
        {
            throw new ArgumentException("need --members >= 2, --messages >= 1, 1 <= --senders <= members, --interval-ms > 0");
        }
        int m = o.Members;
        int total = o.WarmupMessages + o.Messages;
        string roomJid = $"{o.Room}@conference.{run.Client.Domain}";
        var counts = new int[total];
        var lastArrival = new long[total];
        var seen = Enumerable.Range(0, m).Select(_ => new bool[total]).ToArray();
        var perDelivery = new LatencyRecorder();
        long duplicates = 0, unexpected = 0, echoes = 0;

        Action<XmppMessage> HandlerFor(int me) => msg =>
        {
            long now = Clock.Now;
            if (msg.Type != "groupchat")
            {
                return;
            }
            if (!TryParseBody(msg.Body, out int k, out long sent) || (uint)k >= (uint)total)
            {
                Interlocked.Increment(ref unexpected);
                return;
            }
            if (k % o.Senders == me)
            {
                Interlocked.Increment(ref echoes); // the room reflects a message to its sender too
                return;
            }
            if (seen[me][k])
            {
                Interlocked.Increment(ref duplicates);
                return;
            }
            seen[me][k] = true;
            long last = Volatile.Read(ref lastArrival[k]);
            while (now > last)
            {
                long prev = Interlocked.CompareExchange(ref lastArrival[k], now, last);
                if (prev == last)
                {
                    break;
                }
                last = prev;
            }
            Interlocked.Increment(ref counts[k]);
            if (k >= o.WarmupMessages)
            {
                perDelivery.RecordTicks(sent, now);
            }
        };

        var names = Enumerable.Range(0, m).Select(run.UserName).ToArray();
        XmppRun.Log($"W2: logging in {m} members ({run.LoginConcurrency} at a time)");
        long t = Clock.Now;
        var clients = await XmppConnector.ConnectAllAsync(run.Client, names, run.Password,
            run.Resource + "-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture), HandlerFor,
            run.LoginConcurrency, ct).ConfigureAwait(false);
        XmppRun.Log($"W2: {m} logged in in {Clock.TicksToSeconds(Clock.Now - t):F1} s");
        try
        {
            t = Clock.Now;
            bool created = await clients[0].JoinRoomAsync(roomJid, names[0], o.JoinTimeout, ct).ConfigureAwait(false);
            XmppRun.Log($"W2: room {roomJid} {(created ? "created" : "already existed")}; joining the others");
            using (var gate = new SemaphoreSlim(run.LoginConcurrency))
            {
                int joined = 1;
                await Task.WhenAll(Enumerable.Range(1, m - 1).Select(async i =>
                {
                    await gate.WaitAsync(ct).ConfigureAwait(false);
                    try
                    {
                        await clients[i].JoinRoomAsync(roomJid, names[i], o.JoinTimeout, ct).ConfigureAwait(false);
                        int n = Interlocked.Increment(ref joined);
                        if (n % 250 == 0)
                        {
                            XmppRun.Log($"  joined {n}/{m}");
                        }
                    }
                    finally
                    {
                        gate.Release();
                    }
                })).ConfigureAwait(false);
            }
            XmppRun.Log($"W2: {m} members in the room in {Clock.TicksToSeconds(Clock.Now - t):F1} s; waiting for presence traffic to settle");
            await SettleAsync(clients, TimeSpan.FromSeconds(120), ct).ConfigureAwait(false);

            var pids = run.ResolveServerPids();
            long interval = Clock.SecondsToTicks(o.IntervalMs / 1000.0);
            long begin = Clock.Now + Clock.SecondsToTicks(0.1);
            var sendTicks = new long[total];
            ProcessCpu.Sample? serverStart = null, selfStart = null;
            long measureStart = 0;
            XmppRun.Log($"W2: sending {o.WarmupMessages} warmup + {o.Messages} messages, one every {o.IntervalMs} ms, from {o.Senders} sender(s)");
            for (int k = 0; k < total; k++)
            {
                await Clock.DelayUntilAsync(begin + k * interval, ct).ConfigureAwait(false);
                if (k == o.WarmupMessages)
                {
                    serverStart = ProcessCpu.Take(pids);
                    selfStart = ProcessCpu.Self();
                    measureStart = Clock.Now;
                }
                sendTicks[k] = await clients[k % o.Senders]
                    .SendStampedMessageAsync(roomJid, "groupchat", string.Create(CultureInfo.InvariantCulture, $"g:{k}:"))
                    .ConfigureAwait(false);
            }

            // Wait (bounded) until every member has every message.
            long graceEnd = Clock.Now + Clock.SecondsToTicks(run.GraceSeconds);
            while (Clock.Now < graceEnd && !AllDelivered(counts, m - 1))
            {
                await Task.Delay(5, ct).ConfigureAwait(false);
            }
            var serverEnd = ProcessCpu.Take(pids);
            var selfEnd = ProcessCpu.Self();
            perDelivery.Freeze();

            var lastMember = new LatencyRecorder();
            long delivered = 0;
            long lastDelivery = measureStart;
            int incomplete = 0;
            for (int k = o.WarmupMessages; k < total; k++)
            {
                int c = Volatile.Read(ref counts[k]);
                delivered += c;
                long last = Volatile.Read(ref lastArrival[k]);
                lastDelivery = Math.Max(lastDelivery, last);
                if (c == m - 1)
                {
                    lastMember.RecordTicks(sendTicks[k], last);
                }
                else
                {
                    incomplete++;
                }
            }
            long expected = (long)o.Messages * (m - 1);
            double duration = Clock.TicksToSeconds(lastDelivery - measureStart);
            double serverCpu = ProcessCpu.SecondsBetween(serverStart!, serverEnd);
            double clientCpu = ProcessCpu.SecondsBetween(selfStart!, selfEnd);
            int broken = clients.Count(c => !c.IsConnected);
            XmppRun.Log(string.Create(CultureInfo.InvariantCulture,
                $"W2: {o.Messages} messages x {m - 1} receivers: delivered {delivered}/{expected}, {incomplete} messages incomplete; " +
                $"last-member latency {lastMember}; per-delivery latency {perDelivery}; " +
                $"server CPU {serverCpu:F2} s ({(delivered == 0 ? 0 : serverCpu * 1000 / delivered):F3} s per 1,000 deliveries), client CPU {clientCpu:F2} s; " +
                $"duplicates {Interlocked.Read(ref duplicates)}, echoes {Interlocked.Read(ref echoes)}, unexpected {Interlocked.Read(ref unexpected)}, " +
                $"bounced {clients.Sum(c => c.MessageErrors)}, dropped connections {broken}"));
            if (broken > 0)
            {
                XmppRun.Log($"W2: first connection error: {clients.First(c => !c.IsConnected).Error?.Message}");
            }

            var result = new WorkloadResult(
                run.System, "w2-group-fanout", o.Describe(run.Tier),
                Sent: o.Messages,
                Delivered: delivered,
                Lost: expected - delivered,
                Duplicates: Interlocked.Read(ref duplicates),
                DurationSeconds: Math.Round(duration, 3),
                DeliveredPerSecond: duration <= 0 ? 0 : Math.Round(delivered / duration, 1),
                P50Ms: Math.Round(lastMember.PercentileMs(50), 3),
                P95Ms: Math.Round(lastMember.PercentileMs(95), 3),
                P99Ms: Math.Round(lastMember.PercentileMs(99), 3),
                MaxMs: Math.Round(lastMember.MaxMs, 3),
                ServerCpuSeconds: Math.Round(serverCpu, 2),
                ClientCpuSeconds: Math.Round(clientCpu, 2));
            Curves.Write(run.CurvesDir, result, lastMember);
            return result;
        }
        finally
        {
            XmppRun.Log("W2: closing connections");
            await XmppConnector.CloseAllAsync(clients).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until no client has received anything for 1 s (the join presence storm is over), bounded.</summary>
    private static async Task SettleAsync(XmppClient[] clients, TimeSpan limit, CancellationToken ct)
    {
        long end = Clock.Now + Clock.SecondsToTicks(limit.TotalSeconds);
        long before = clients.Sum(c => c.StanzasReceived);
        while (Clock.Now < end)
        {
            await Task.Delay(1000, ct).ConfigureAwait(false);
            long now = clients.Sum(c => c.StanzasReceived);
            if (now == before)
            {
                return;
            }
            before = now;
        }
        XmppRun.Log("W2: warning: presence traffic still flowing after the settle limit");
    }

    private static bool AllDelivered(int[] counts, int receivers)
    {
        for (int k = 0; k < counts.Length; k++)
        {
            if (Volatile.Read(ref counts[k]) < receivers)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>"g:k:sent" → k and the send timestamp.</summary>
    private static bool TryParseBody(string body, out int k, out long sent)
    {
        k = 0;
        sent = 0;
        var s = body.AsSpan();
        Span<Range> parts = stackalloc Range[4];
        return s.Split(parts, ':') == 3 && s[parts[0]].SequenceEqual("g")
            && int.TryParse(s[parts[1]], NumberStyles.None, CultureInfo.InvariantCulture, out k)
            && long.TryParse(s[parts[2]], NumberStyles.None, CultureInfo.InvariantCulture, out sent);
    }
}
