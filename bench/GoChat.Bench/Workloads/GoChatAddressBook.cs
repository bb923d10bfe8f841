using System.Collections.Concurrent;
using System.Diagnostics;
using GoChat.Bench.GoChatSide;
using GoChat.Bench.Measure;
using GoChat.GrainInterfaces.Models;
using Microsoft.AspNetCore.SignalR.Client;

namespace GoChat.Bench.Workloads;

/// <summary>
/// W6, a big address book: one user in <see cref="Options.Conversations"/> conversations (half direct, half small
/// groups, with load users as peers) is offline while <see cref="Options.Changed"/> of them get
/// <see cref="Options.PerConversation"/> new messages each; then it reconnects with the last seq it holds everywhere
/// (<see cref="Reconnect.ListAndResume"/>). Measured from opening the connection: (a) until the full conversation
/// list is in hand, (b) until every missed message has arrived, each exactly once. Repeated with fresh messages; one
/// line per repeat: p50 = (a), p95 = (b), p99 = max = the later of the two (both in <see cref="WorkloadResult.Counters"/>).
/// </summary>
public sealed class GoChatAddressBook(GoChatAddressBook.Options options)
{
    public sealed record Options(Uri Gateway, int Conversations, int Changed, int PerConversation, int Repeats,
        IReadOnlyList<int> ServerPids, string? Out, double TimeoutSeconds = 60, int Parallel = 16);

    public async Task<IReadOnlyList<WorkloadResult>> Run(CancellationToken ct)
    {
        if (options.Changed > options.Conversations) throw new ArgumentException("--changed cannot exceed --conversations");
        var hub = new Uri(options.Gateway, "/hubs/chat");
        var watch = Stopwatch.StartNew();
        var peerCount = (options.Conversations + 1) / 2;
        var users = await HubClient.Provision(options.Gateway, $"w6-{Guid.NewGuid():N}"[..12], 1 + peerCount, ct);
        var me = users[0];
        var peers = users.Skip(1).ToArray();
        var conversations = new Guid[options.Conversations];
        var peerOf = new int[options.Conversations];
        await using (var owner = HubClient.Create(0, hub, me))
        {
            await owner.Connection.StartAsync(ct);
            await System.Threading.Tasks.Parallel.ForEachAsync(Enumerable.Range(0, options.Conversations), Limit(ct), async (i, token) =>
            {
                // Conversation i: direct with peer i, or (the second half) a group of the user and peer i - peerCount.
                var peer = i < peerCount ? i : i - peerCount;
                var info = i < peerCount
                    ? await owner.Connection.InvokeAsync<ConversationInfo>("CreateDirectConversation", peers[peer].UserId.ToString(), token)
                    : await owner.Connection.InvokeAsync<ConversationInfo>("CreateGroup", $"W6 {i}", new[] { peers[peer].UserId.ToString() }, token);
                conversations[i] = info.Id;
                peerOf[i] = peer;
            });
            // What the user holds when it goes offline: every conversation up to its last seq now.
            var held = (await Reconnect.List(owner, ct)).ToDictionary(s => s.ConversationId, s => s.LastSeq);
            if (held.Count != options.Conversations) throw new InvalidOperationException($"the list has {held.Count} of {options.Conversations} conversations");
            _held = new ConcurrentDictionary<Guid, long>(held);
        }
        var changedPeers = Enumerable.Range(0, options.Changed).Select(i => peerOf[i]).Distinct().ToArray();
        var senders = await HubClient.ConnectAll([hub], changedPeers.Select(p => (BenchUser?)peers[p]).ToList(), ct);
        var senderOf = changedPeers.Select((p, k) => (p, k)).ToDictionary(x => x.p, x => senders[x.k]);
        Console.Error.WriteLine($"[gochat W6] {options.Conversations} conversations of one user, {senders.Length} peers online, ready in {watch.Elapsed.TotalSeconds:F1} s");

        var results = new List<WorkloadResult>();
        try
        {
            for (var r = 0; r < options.Repeats; r++)
            {
                await System.Threading.Tasks.Parallel.ForEachAsync(Enumerable.Range(0, options.Changed * options.PerConversation), Limit(ct), async (n, token) =>
                {
                    var i = n % options.Changed;
                    await senderOf[peerOf[i]].Send(conversations[i].ToString(), $"w6-{r}-{n}", $"w6|{r}|{n}", token);
                });
                var result = await MeasureReconnect(hub, me, r, ct);
                result.Emit(options.Out);
                results.Add(result);
            }
        }
        finally
        {
            await HubClient.DisposeAll(senders);
        }
        return results;
    }

    private ConcurrentDictionary<Guid, long> _held = new();

    private async Task<WorkloadResult> MeasureReconnect(Uri hub, BenchUser me, int repeat, CancellationToken ct)
    {
        var expected = options.Changed * options.PerConversation;
        var seen = new int[expected];
        long received = 0, duplicates = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var prefix = $"w6|{repeat}|";
        var cpu0 = ProcessCpu.Take(options.ServerPids);
        var client0 = ProcessCpu.Self();
        var start = Clock.Now;
        await using var client = HubClient.Create(0, hub, me);
        client.OnMessage = (_, m) =>
        {
            _held.AddOrUpdate(m.ConversationId, m.Seq, (_, s) => Math.Max(s, m.Seq));
            if (m.Text is null || !m.Text.StartsWith(prefix, StringComparison.Ordinal)) return;
            var n = int.Parse(m.Text.AsSpan(prefix.Length));
            if (Interlocked.Increment(ref seen[n]) > 1)
            {
                Interlocked.Increment(ref duplicates);
                return;
            }
            if (Interlocked.Increment(ref received) == expected) all.TrySetResult();
        };
        await client.Connection.StartAsync(ct);
        var list = await Reconnect.ListAndResume(client, new Dictionary<Guid, long>(_held), ct);
        var listAt = Clock.Now;
        await Task.WhenAny(all.Task, Task.Delay(TimeSpan.FromSeconds(options.TimeoutSeconds), ct));
        var missedAt = all.Task.IsCompleted ? Clock.Now : listAt;
        var serverCpu = ProcessCpu.SecondsBetween(cpu0, ProcessCpu.Take(options.ServerPids));
        var clientCpu = ProcessCpu.SecondsBetween(client0, ProcessCpu.Self());
        // Stragglers after the last expected one would be duplicates: give them a moment to show.
        await Task.Delay(500, ct);
        await client.Connection.StopAsync(ct);

        var (listMs, missedMs) = (Math.Round(Clock.TicksToMs(listAt - start), 1), all.Task.IsCompleted ? Math.Round(Clock.TicksToMs(missedAt - start), 1) : double.NaN);
        var got = Interlocked.Read(ref received);
        // Not all in within the timeout: the figure is the timeout (the goal fails), and the shortfall counts as lost.
        var slowest = Math.Max(listMs, double.IsNaN(missedMs) ? options.TimeoutSeconds * 1000 : missedMs);
        if (list.Count != options.Conversations) Console.Error.WriteLine($"[gochat W6] the list held {list.Count} of {options.Conversations} conversations");
        Console.Error.WriteLine($"[gochat W6] repeat {repeat + 1}: list of {list.Count} in {listMs:F0} ms, {got} of {expected} missed messages in {missedMs:F0} ms, {Interlocked.Read(ref duplicates)} twice; server CPU {serverCpu:F2} s");
        return new WorkloadResult("gochat", "w6-address-book",
            $"conversations={options.Conversations} changed={options.Changed} missed={expected}", expected, got, expected - got,
            Interlocked.Read(ref duplicates), slowest / 1000, Math.Round(got / Math.Max(slowest / 1000, 1e-3), 1),
            P50Ms: listMs, P95Ms: double.IsNaN(missedMs) ? slowest : missedMs, P99Ms: slowest, MaxMs: slowest, serverCpu, clientCpu, Window: repeat + 1,
            Counters: new Dictionary<string, double>
            {
                ["w6.listMs"] = Math.Round(listMs, 1),
                ["w6.allMissedMs"] = double.IsNaN(missedMs) ? -1 : Math.Round(missedMs, 1),
                ["w6.listCount"] = list.Count,
            });
    }

    private ParallelOptions Limit(CancellationToken ct) => new() { MaxDegreeOfParallelism = options.Parallel, CancellationToken = ct };
}
