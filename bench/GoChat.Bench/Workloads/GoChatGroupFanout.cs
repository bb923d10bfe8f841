using System.Diagnostics;
using GoChat.Bench.GoChatSide;
using GoChat.Bench.Measure;
using GoChat.GrainInterfaces.Models;
using Microsoft.AspNetCore.SignalR.Client;

namespace GoChat.Bench.Workloads;

/// <summary>
/// W2: one group, every member online, members spread over the gateways. One message at a time; for each,
/// the time from the send call until the last member has it. The next message goes when all have it (or
/// after the grace period), so messages never overlap and each figure is one message's fan-out.
/// With <see cref="Options.LikeWeb"/> every member marks each message read as it arrives and a share of the messages is
/// typed first (<see cref="WebLikeClient"/>); the result's counters say how many receipt and typing pushes that caused
/// per message sent, which shows whether receipts grow with members or with members squared.
/// </summary>
public sealed class GoChatGroupFanout(GoChatGroupFanout.Options options)
{
    public sealed record Options(IReadOnlyList<Uri> Gateways, int Members, int Messages, int WarmupMessages,
        IReadOnlyList<int> ServerPids, string? Out, string? CurvesDir, double GraceSeconds = 10, bool LikeWeb = false, double TypingShare = 0.2,
        int Online = 0, IReadOnlyList<Uri>? CounterUrls = null);

    public async Task<WorkloadResult> Run(CancellationToken ct)
    {
        var m = options.Members;
        var online = options.Online is > 0 and < int.MaxValue ? Math.Min(options.Online, m) : m;
        var watch = Stopwatch.StartNew();
        var users = await HubClient.Provision(options.Gateways[0], $"w2-{Guid.NewGuid():N}"[..12], m, ct, chunk: 2000);
        var clients = await HubClient.ConnectAll(options.Gateways.Select(g => new Uri(g, "/hubs/chat")).ToList(), users[..online], ct);
        try
        {
            var owner = clients[0];
            var others = users.Skip(1).Select(u => u.UserId.ToString()).ToList();
            // CreateGroup and AddMembers take at most Limits.MaxMembersPerCall members a call (the owner counts in the first).
            var perCall = GoChat.GrainInterfaces.Limits.MaxMembersPerCall;
            var group = await owner.Connection.InvokeAsync<ConversationInfo>("CreateGroup", $"W2 {m}", others.Take(perCall - 1).ToArray(), ct);
            foreach (var chunk in others.Skip(perCall - 1).Chunk(perCall))
            {
                await owner.Connection.InvokeAsync<ConversationInfo>("AddMembers", group.Id.ToString(), chunk, ct);
            }
            await HubClient.SyncAll(clients, ct);
            Console.Error.WriteLine($"[gochat W2] {m} members ({online} online) over {options.Gateways.Count} gateway(s) ready in {watch.Elapsed.TotalSeconds:F1} s");

            var web = options.LikeWeb ? new WebLikeClient(options.TypingShare) : null;
            var lastMember = new LatencyRecorder();
            var everyMember = new LatencyRecorder();
            var received = new int[options.WarmupMessages + options.Messages + 1][];
            long duplicates = 0, delivered = 0, lost = 0;
            var sentAt = new long[received.Length];
            var current = -1;
            var pending = 0;
            TaskCompletionSource allIn = new(TaskCreationOptions.RunContinuationsAsynchronously);
            foreach (var c in clients)
            {
                c.OnMessage = (client, message) =>
                {
                    var now = Clock.Now;
                    if (client.Index == 0 || message.Text is null || !message.Text.StartsWith("w2|", StringComparison.Ordinal)) return; // not the sender's own copy
                    var k = int.Parse(message.Text.AsSpan(3));
                    web?.Received(client, message);
                    if (Interlocked.Increment(ref received[k][client.Index]) > 1)
                    {
                        Interlocked.Increment(ref duplicates);
                        return;
                    }
                    if (k != Volatile.Read(ref current)) return; // late, after its grace period: already counted lost
                    if (k >= options.WarmupMessages) everyMember.RecordTicks(sentAt[k], now);
                    if (Interlocked.Decrement(ref pending) == 0) allIn.TrySetResult();
                };
            }

            ProcessCpu.Sample? serverCpu = null;
            var clientCpu = TimeSpan.Zero;
            var measureStart = 0L;
            Dictionary<string, double>? webBefore = null;
            var serverCounters = new ServerCounters(options.CounterUrls ?? []);
            for (var k = 0; k < received.Length - 1; k++)
            {
                if (k == options.WarmupMessages)
                {
                    serverCpu = ProcessCpu.Take(options.ServerPids);
                    clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
                    measureStart = Clock.Now;
                    webBefore = web?.Counters(clients);
                    await serverCounters.Start(ct);
                }
                received[k] = new int[m];
                allIn = new(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref pending, online - 1);
                Volatile.Write(ref current, k);
                var typed = web is not null && web.Types(0, k);
                if (typed) web!.Typing(owner, group.Id.ToString(), true);
                sentAt[k] = Clock.Now;
                if (typed) web!.Typing(owner, group.Id.ToString(), false);
                await owner.Send(group.Id.ToString(), $"w2-{k}", $"w2|{k}", ct);
                var done = await Task.WhenAny(allIn.Task, Task.Delay(TimeSpan.FromSeconds(options.GraceSeconds), ct)) == allIn.Task;
                var finished = Clock.Now;
                var missing = Math.Max(0, Volatile.Read(ref pending));
                if (k >= options.WarmupMessages)
                {
                    delivered += online - 1 - missing;
                    lost += missing;
                    if (done) lastMember.RecordTicks(sentAt[k], finished);
                }
            }
            var measured = Clock.TicksToSeconds(Clock.Now - measureStart);
            var counters = web is null ? null : PerMessage(webBefore!, web.Counters(clients), options.Messages);
            var cost = await serverCounters.PerMessage(options.Messages, ct);
            var result = new WorkloadResult("gochat", "w2-group-fanout",
                $"members={m}{(online < m ? $" online={online}" : "")} gateways={options.Gateways.Count}{(web is null ? "" : " like-web")} messages={options.Messages}{cost}", options.Messages, delivered, lost,
                Interlocked.Read(ref duplicates), measured, delivered / measured,
                lastMember.PercentileMs(50), lastMember.PercentileMs(95), lastMember.PercentileMs(99), lastMember.MaxMs,
                ProcessCpu.SecondsBetween(serverCpu!, ProcessCpu.Take(options.ServerPids)),
                (Process.GetCurrentProcess().TotalProcessorTime - clientCpu).TotalSeconds, Counters: counters);
            Console.Error.WriteLine($"[gochat W2] every member: {everyMember}");
            if (counters is not null) Console.Error.WriteLine($"[gochat W2] like-web: {string.Join(", ", counters.Select(c => $"{c.Key} {c.Value:0.##}"))}");
            Curves.Write(options.CurvesDir, result, lastMember);
            result.Emit(options.Out);
            return result;
        }
        finally
        {
            await HubClient.DisposeAll(clients);
        }
    }

    /// <summary>The measured messages' share of each counter, and per message sent.</summary>
    private static Dictionary<string, double> PerMessage(Dictionary<string, double> before, Dictionary<string, double> after, int messages)
    {
        var counters = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in after)
        {
            var delta = value - before.GetValueOrDefault(name);
            counters[name] = delta;
            counters[name + "PerMessage"] = Math.Round(delta / messages, 2);
        }
        return counters;
    }
}
