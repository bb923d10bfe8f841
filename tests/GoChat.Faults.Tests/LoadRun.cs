using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace GoChat.Faults.Tests;

/// <summary>
/// Steady load through both gateways: each pair has a sender on one gateway and its recipient on the other, in a
/// direct conversation; every sender sends one message per <see cref="Period"/>, each until acked, bounded in count
/// and time. A fault is injected while it runs; <see cref="Finish"/> stops the senders, lets the recipients catch
/// up and reports lost and duplicated messages.
/// </summary>
public sealed class LoadRun : IAsyncDisposable
{
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);
    public const int MaxMessagesPerSender = 600;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromSeconds(90);

    private readonly FaultCluster _cluster;
    private readonly ITestOutputHelper _output;
    private readonly List<(LoadClient Sender, LoadClient Recipient, Guid Conversation)> _pairs = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _senders = [];
    private DateTime _deadline;

    private LoadRun(FaultCluster cluster, ITestOutputHelper output)
    {
        _cluster = cluster;
        _output = output;
    }

    public Checker Checker { get; } = new();
    public IReadOnlyList<Guid> Conversations => _pairs.Select(p => p.Conversation).ToList();
    public IEnumerable<LoadClient> Clients => _pairs.SelectMany(p => new[] { p.Sender, p.Recipient });
    public IReadOnlyList<(LoadClient Sender, LoadClient Recipient, Guid Conversation)> Pairs => _pairs;

    public static async Task<LoadRun> StartAsync(FaultCluster cluster, ITestOutputHelper output, int pairs = 6)
    {
        var run = new LoadRun(cluster, output);
        var tag = Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < pairs; i++)
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
        run._deadline = DateTime.UtcNow + MaxDuration;
        for (var i = 0; i < run._pairs.Count; i++) run._senders.Add(run.Send(i));
        return run;
    }

    private async Task Send(int index)
    {
        var (sender, recipient, conversation) = _pairs[index];
        for (var n = 1; n <= MaxMessagesPerSender && !_stop.IsCancellationRequested && DateTime.UtcNow < _deadline; n++)
        {
            var clientId = $"f-{index}-{n}";
            Checker.Attempting(clientId);
            var ack = await sender.SendUntilAcked(conversation, clientId, _deadline + TimeSpan.FromSeconds(30));
            Checker.Acked(clientId, recipient.UserId, ack);
            try
            {
                await Task.Delay(Period, _stop.Token);
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
        foreach (var e in Checker.HubErrors.Take(10)) _output.WriteLine("hub error: " + e);
        foreach (var e in Checker.InterruptedInvocations.Take(10)) _output.WriteLine("interrupted: " + e);
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        foreach (var c in Clients) await c.DisposeAsync();
    }

    public sealed record Result(int Acked, int Lost, int Duplicated, TimeSpan? Recovery, int HubErrors, int Interrupted, int Reconnects);
}
