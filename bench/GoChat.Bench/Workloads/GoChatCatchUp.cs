using System.Diagnostics;
using GoChat.Bench.GoChatSide;
using GoChat.Bench.Measure;
using GoChat.GrainInterfaces.Models;
using Microsoft.AspNetCore.SignalR.Client;

namespace GoChat.Bench.Workloads;

/// <summary>
/// W4: a client that missed N messages reconnects and syncs from its last seq; the time from opening the
/// connection until it holds all N, in order, once each.
/// </summary>
public sealed class GoChatCatchUp(GoChatCatchUp.Options options)
{
    public sealed record Options(Uri Gateway, int Missed, int Repeats, IReadOnlyList<int> ServerPids, string? Out, int InFlight = 256);

    public async Task<WorkloadResult> Run(CancellationToken ct)
    {
        var hub = new Uri(options.Gateway, "/hubs/chat");
        var users = await HubClient.Provision(options.Gateway, $"w4-{Guid.NewGuid():N}"[..12], 2, ct);
        await using var sender = HubClient.Create(0, hub, users[0]);
        await sender.Connection.StartAsync(ct);
        var conversation = (await sender.Connection.InvokeAsync<ConversationInfo>("CreateDirectConversation", users[1].UserId.ToString(), ct)).Id;

        var times = new LatencyRecorder();
        long delivered = 0, lost = 0, duplicates = 0, sent = 0;
        double serverCpu = 0, clientCpu = 0;
        long lastSeq = 0;
        for (var r = 0; r < options.Repeats; r++)
        {
            // The receiver is offline while the messages arrive.
            var watchSend = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, options.Missed), new ParallelOptions { MaxDegreeOfParallelism = options.InFlight, CancellationToken = ct }, async (i, token) =>
                await sender.Send(conversation.ToString(), $"w4-{r}-{i}", $"w4|{r}|{i}", token));
            sent += options.Missed;
            Console.Error.WriteLine($"[gochat W4] {options.Missed} messages stored in {watchSend.Elapsed.TotalSeconds:F1} s while the receiver was offline");

            var seen = new int[options.Missed];
            var count = 0;
            var previousSeq = lastSeq;
            var outOfOrder = 0;
            var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var cpu0 = ProcessCpu.Take(options.ServerPids);
            var client0 = Process.GetCurrentProcess().TotalProcessorTime;
            var start = Clock.Now;
            await using var receiver = HubClient.Create(1, hub, users[1]);
            receiver.OnMessage = (_, m) =>
            {
                if (m.Text is null || !m.Text.StartsWith($"w4|{r}|", StringComparison.Ordinal)) return;
                if (m.Seq <= previousSeq) outOfOrder++;
                previousSeq = m.Seq;
                var i = int.Parse(m.Text.AsSpan(m.Text.LastIndexOf('|') + 1));
                if (++seen[i] > 1) { duplicates++; return; }
                if (++count == options.Missed) all.TrySetResult();
            };
            await receiver.Connection.StartAsync(ct);
            await receiver.Sync(new Dictionary<string, long> { [conversation.ToString()] = lastSeq }, ct);
            await Task.WhenAny(all.Task, Task.Delay(TimeSpan.FromSeconds(60), ct));
            var end = Clock.Now;
            serverCpu += ProcessCpu.SecondsBetween(cpu0, ProcessCpu.Take(options.ServerPids));
            clientCpu += (Process.GetCurrentProcess().TotalProcessorTime - client0).TotalSeconds;
            if (outOfOrder > 0) Console.Error.WriteLine($"[gochat W4] {outOfOrder} messages out of seq order");
            times.RecordTicks(start, end);
            delivered += count;
            lost += options.Missed - count;
            lastSeq = previousSeq;
            await receiver.Connection.StopAsync(ct);
        }
        var result = new WorkloadResult("gochat", "w4-catch-up", $"missed={options.Missed} repeats={options.Repeats}",
            sent, delivered, lost, duplicates, times.MeanMs * options.Repeats / 1000, delivered / (times.MeanMs * options.Repeats / 1000),
            times.PercentileMs(50), times.PercentileMs(95), times.PercentileMs(99), times.MaxMs, serverCpu, clientCpu);
        result.Emit(options.Out);
        return result;
    }
}
