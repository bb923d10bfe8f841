using System.Collections.Concurrent;
using GoChat.GrainInterfaces.Models;
using Microsoft.AspNetCore.SignalR.Client;

namespace GoChat.Bench.GoChatSide;

/// <summary>
/// What the web client sends besides messages (web/src/core/chat.ts, outbox.ts), for <c>--like-web</c> runs: with the
/// chat open, every received text message from someone else is followed by MarkRead up to the newest seq held (which
/// marks it delivered too), skipped when nothing newer arrived since the last one; a share of the sends is preceded by
/// Typing(true) and followed by Typing(false), as the composer does while keys are pressed and on send. All of them
/// fire and forget (the web client's <c>notify</c>), so they add the server's work, not the client's waiting.
/// </summary>
public sealed class WebLikeClient(double typingShare)
{
    private readonly ConcurrentDictionary<(int Client, Guid Conversation), long> _read = new();
    private long _markReads;
    private long _typings;
    private long _failures;

    public long MarkReads => Interlocked.Read(ref _markReads);
    public long Typings => Interlocked.Read(ref _typings);
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>On the receiver's receive loop, for a message of someone else.</summary>
    public void Received(HubClient receiver, ChatMessage message)
    {
        if (message.Kind != MessageKind.Text) return;
        var key = (receiver.Index, message.ConversationId);
        var read = _read.GetOrAdd(key, 0);
        if (message.Seq <= read || !_read.TryUpdate(key, message.Seq, read)) return;
        Interlocked.Increment(ref _markReads);
        Fire(receiver.Connection.SendAsync("MarkRead", message.ConversationId.ToString(), message.Seq));
    }

    /// <summary>Whether message <paramref name="number"/> of <paramref name="sender"/> is one typed with the indicator on.</summary>
    public bool Types(int sender, int number) => typingShare > 0 && (uint)(number * 7919 + sender * 104729) % 1000 < typingShare * 1000;

    public void Typing(HubClient sender, string conversationId, bool isTyping)
    {
        Interlocked.Increment(ref _typings);
        Fire(sender.Connection.SendAsync("Typing", conversationId, isTyping));
    }

    /// <summary>The figures of a run: what was sent and what the server pushed back because of it.</summary>
    public Dictionary<string, double> Counters(IEnumerable<HubClient> clients) => new(StringComparer.Ordinal)
    {
        ["web.markReads"] = MarkReads,
        ["web.typings"] = Typings,
        ["web.failures"] = Failures,
        ["web.receiptPushes"] = clients.Sum(c => c.ReceiptsReceived),
        ["web.typingPushes"] = clients.Sum(c => c.TypingReceived),
    };

    private void Fire(Task send) => send.ContinueWith(_ => Interlocked.Increment(ref _failures), CancellationToken.None,
        TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
}
