using System.Collections.Concurrent;
using GoChat.GrainInterfaces.Models;
using Microsoft.AspNetCore.SignalR;

namespace GoChat.Bench.Relay;

/// <summary>
/// What GoChat's hub does for a message minus Orleans and PostgreSQL: number it, acknowledge it, push it to every
/// connection of the conversation. Same method names and records as GoChat, so one load driver measures both.
/// </summary>
public sealed class RelayHub(RelaySequences sequences) : Hub
{
    public Task Join(string conversationId) => Groups.AddToGroupAsync(Context.ConnectionId, conversationId);

    public async Task<SendAck> SendMessage(RelaySendInput input)
    {
        var conversation = Guid.Parse(input.ConversationId);
        var seq = sequences.Next(conversation);
        var now = DateTimeOffset.UtcNow;
        var message = new ChatMessage(conversation, seq, Guid.Empty, MessageKind.Text, input.Text, input.ClientMessageId, null, null, null, now);
        await Clients.Group(input.ConversationId).SendAsync("MessageReceived", message);
        return new SendAck(conversation, seq, now);
    }
}

public sealed record RelaySendInput(string ConversationId, string ClientMessageId, string Text);

public sealed class RelaySequences
{
    private readonly ConcurrentDictionary<Guid, StrongBox> _seqs = new();

    public long Next(Guid conversation) => Interlocked.Increment(ref _seqs.GetOrAdd(conversation, _ => new StrongBox()).Value);

    private sealed class StrongBox
    {
        public long Value;
    }
}
