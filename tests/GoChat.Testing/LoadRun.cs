using GoChat.GrainInterfaces.Models;
using Microsoft.AspNetCore.SignalR.Client;

namespace GoChat.Testing;

/// <summary>
/// Steady load through both gateways: each pair has a sender on one gateway and its recipient on the other, in a
/// direct conversation; every sender sends one message per <see cref="LoadPlan.Period"/>, each until acked, bounded in
/// count and time (<see cref="LoadPlan"/>). Faults are injected while it runs (the fault tests one, the benchmark's soak
/// many); <see cref="Finish"/> stops the senders, lets the recipients catch up and reports lost and duplicated messages.
/// </summary>
public sealed class LoadRun : IAsyncDisposable
{
    /// <summary>How much load and for how long at most: the fault tests' one-fault runs by default.</summary>
    public sealed record LoadPlan(int Pairs = 6, int PeriodMs = 100, int MaxMessagesPerSender = 600, int MaxSeconds = 90)
    {
        public TimeSpan Period => TimeSpan.FromMilliseconds(PeriodMs);
    }

    private readonly FaultCluster _cluster;
    private readonly Action<string> _output;
    private readonly LoadPlan _plan;
    private readonly List<(LoadClient Sender, LoadClient Recipient, Guid Conversation)> _pairs = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _senders = [];
    private DateTime _deadline;

    private LoadRun(FaultCluster cluster, Action<string> output, LoadPlan plan)
    {
        _cluster = cluster;
        _output = output;
        _plan = plan;
    }

    public Checker Checker { get; } = new();
    public IReadOnlyList<Guid> Conversations => _pairs.Select(p => p.Conversation).ToList();
    public IEnumerable<LoadClient> Clients => _pairs.SelectMany(p => new[] { p.Sender, p.Recipient });
    public IReadOnlyList<(LoadClient Sender, LoadClient Recipient, Guid Conversation)> Pairs => _pairs;

    /// <param name="output">Where hub errors and cut invocations are written at the end (a test's output).</param>
    public static async Task<LoadRun> StartAsync(FaultCluster cluster, Action<string> output, LoadPlan? plan = null)
    {
        plan ??= new LoadPlan();
        var run = new LoadRun(cluster, output, plan);
        var tag = Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < plan.Pairs; i++)
        {
            var sender = new LoadClient(cluster, await cluster.SignInAsync($"s{i}-{tag}"), i % 2, run.Checker);
            var recipient = new LoadClient(cluster, await cluster.SignInAsync($"r{i}-{tag}"), (i + 1) % 2, run.Checker);
            await sender.StartAsync();
            await recipient.StartAsync();
            var chat = await sender.Connection.InvokeAsync<ConversationInfo>("CreateDirectConversation", recipient.UserId.ToString());
            sender.Holds(chat.Id, chat.LastSeq);
            recipient.Holds(chat.Id, chat.LastSeq);
            run._pairs.Add((sender, recipient, chat.Id));
        }
        // Both join the new conversation's feed from the seq they hold, as after any (re)connect.
        foreach (var c in run.Clients) await c.Resync();
        run._deadline = DateTime.UtcNow + TimeSpan.FromSeconds(plan.MaxSeconds);
        for (var i = 0; i < run._pairs.Count; i++) run._senders.Add(run.Send(i));
        return run;
    }

    private async Task Send(int index)
    {
        var (sender, recipient, conversation) = _pairs[index];
        for (var n = 1; n <= _plan.MaxMessagesPerSender && !_stop.IsCancellationRequested && DateTime.UtcNow < _deadline; n++)
        {
            var clientId = $"f-{index}-{n}";
            Checker.Attempting(clientId);
            var ack = await sender.SendUntilAcked(conversation, clientId, _deadline + TimeSpan.FromSeconds(30));
            Checker.Acked(clientId, recipient.UserId, ack);
            try
            {
                await Task.Delay(_plan.Period, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Waits until every conversation has delivered at least <paramref name="count"/> messages first sent after <paramref name="since"/>.</summary>
    public Task WaitForDeliveriesAfter(DateTime since, int count, TimeSpan timeout) =>
        WaitUntil(() => _pairs.All(p => Checker.DeliveredAfter(since, p.Conversation) >= count), timeout, $"{count} deliveries after the fault in every conversation");

    public async Task WaitUntil(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}; hub errors: {Checker.HubErrors.Count}, undelivered: {Checker.Undelivered().Count}");
            if (_senders.FirstOrDefault(t => t.IsFaulted) is { } failed) await failed; // a sender gave up: show why
            await Task.Delay(50);
        }
    }

    /// <summary>Stops the senders, waits until every acked message reached its recipient (or the bound), and checks the log.</summary>
    public async Task<Result> Finish(TimeSpan? recovery)
    {
        _stop.Cancel();
        await Task.WhenAll(_senders);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Checker.Undelivered().Count > 0 && DateTime.UtcNow < deadline) await Task.Delay(100);
        var (missing, storedTwice) = await Checker.CheckLog(_cluster.ConnectionString);
        var result = new Result(
            Acked: Checker.AckCount,
            Lost: Checker.Undelivered().Count + missing,
            Duplicated: Checker.DuplicateDeliveries + storedTwice,
            Recovery: recovery,
            HubErrors: Checker.HubErrors.Count,
            Interrupted: Checker.InterruptedInvocations.Count,
            Reconnects: Checker.Reconnects);
        foreach (var e in Checker.HubErrors.Take(10)) _output("hub error: " + e);
        foreach (var e in Checker.InterruptedInvocations.Take(10)) _output("interrupted: " + e);
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        foreach (var c in Clients) await c.DisposeAsync();
    }

    public sealed record Result(int Acked, int Lost, int Duplicated, TimeSpan? Recovery, int HubErrors, int Interrupted, int Reconnects);
}
