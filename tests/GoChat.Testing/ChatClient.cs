using System.Collections.Concurrent;
using GoChat.GrainInterfaces.Models;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace GoChat.Testing;

/// <summary>
/// A test user on a real SignalR connection (WebSocket only). It records everything the server pushes,
/// and waits on conditions over what it recorded, never on sleeps.
/// </summary>
public sealed class ChatClient : IAsyncDisposable
{
    private readonly ConcurrentQueue<ChatMessage> _messages = new();
    private readonly ConcurrentQueue<Receipt> _receipts = new();
    private readonly ConcurrentQueue<ReceiptCounts> _counts = new();
    private readonly ConcurrentQueue<TypingSignal> _typing = new();
    private readonly ConcurrentQueue<PresenceInfo> _presence = new();
    private readonly ConcurrentQueue<Guid> _added = new();
    private readonly ConcurrentQueue<ChatPreferences> _preferences = new();
    private readonly SemaphoreSlim _changed = new(0);

    public ChatClient(Uri gateway, DevSession session, bool messagePack = false)
    {
        Session = session;
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(gateway, "/hubs/chat"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(session.AccessToken);
            });
        if (messagePack) builder.AddMessagePackProtocol();
        Connection = builder.Build();
        Connection.On<ChatMessage>("MessageReceived", m => Record(_messages, m));
        Connection.On<Receipt>("ReceiptUpdated", r => Record(_receipts, r));
        Connection.On<ReceiptCounts>("ReceiptCountsUpdated", c => Record(_counts, c));
        Connection.On<TypingSignal>("TypingChanged", t => Record(_typing, t));
        Connection.On<PresenceInfo>("PresenceChanged", p => Record(_presence, p));
        Connection.On<Guid>("ConversationAdded", id => Record(_added, id));
        Connection.On<ChatPreferences>("PreferencesChanged", p => Record(_preferences, p));
    }

    public DevSession Session { get; }
    public Guid UserId => Session.UserId;
    public HubConnection Connection { get; }

    public IReadOnlyList<ChatMessage> Messages => [.. _messages];
    public IReadOnlyList<Receipt> Receipts => [.. _receipts];
    public IReadOnlyList<ReceiptCounts> ReceiptCounts => [.. _counts];
    public IReadOnlyList<TypingSignal> TypingSignals => [.. _typing];
    public IReadOnlyList<PresenceInfo> PresenceChanges => [.. _presence];
    public IReadOnlyList<Guid> ConversationsAdded => [.. _added];
    public IReadOnlyList<ChatPreferences> PreferenceChanges => [.. _preferences];

    public IReadOnlyList<ChatMessage> TextsIn(Guid conversationId) =>
        Messages.Where(m => m.ConversationId == conversationId && m.Kind == MessageKind.Text).ToList();

    public Task StartAsync() => Connection.StartAsync();

    public Task<SyncResultDto> SyncAsync(Dictionary<string, long>? lastSeqs = null) =>
        Connection.InvokeAsync<SyncResultDto>("Sync", new { LastSeqs = lastSeqs });

    public Task<ConversationPage> ConversationPageAsync(string? cursor, int limit) =>
        Connection.InvokeAsync<ConversationPage>("GetConversationPage", cursor, limit);

    public Task<SendAck> SendAsync(Guid conversationId, string text, string? clientMessageId = null, long? replyTo = null) =>
        Connection.InvokeAsync<SendAck>("SendMessage", new
        {
            ConversationId = conversationId.ToString(),
            ClientMessageId = clientMessageId ?? Guid.NewGuid().ToString("N"),
            Text = text,
            ReplyToSeq = replyTo,
        });

    /// <summary>The newest counts pushed for one of this user's messages, or null if none came.</summary>
    public MessageReceiptCount? CountsFor(Guid conversationId, long seq) =>
        ReceiptCounts.Where(c => c.ConversationId == conversationId).SelectMany(c => c.Messages).LastOrDefault(m => m.Seq == seq);

    /// <summary>Says which chat is on this connection's screen, as the web client does when one opens (null: none).</summary>
    public Task SetOpenAsync(Guid? conversationId) => Connection.InvokeAsync("SetOpenConversation", conversationId?.ToString());

    public Task<ConversationInfo> CreateDirectAsync(Guid peer) => Connection.InvokeAsync<ConversationInfo>("CreateDirectConversation", peer.ToString());

    public Task<ConversationInfo> CreateGroupAsync(string name, IEnumerable<Guid> members) =>
        Connection.InvokeAsync<ConversationInfo>("CreateGroup", name, members.Select(m => m.ToString()).ToArray());

    /// <summary>Waits until the condition over what was pushed holds, or fails after the timeout.</summary>
    public async Task WaitUntil(Func<ChatClient, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!condition(this))
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"{Session.Handle}: timed out waiting for {what}.");
            await _changed.WaitAsync(left < TimeSpan.FromMilliseconds(500) ? left : TimeSpan.FromMilliseconds(500));
        }
    }

    public Task WaitForTexts(Guid conversationId, int count, TimeSpan? timeout = null) =>
        WaitUntil(c => c.TextsIn(conversationId).Count >= count, $"{count} messages in {conversationId}", timeout);

    private void Record<T>(ConcurrentQueue<T> queue, T item)
    {
        queue.Enqueue(item);
        _changed.Release();
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}

public sealed record SyncResultDto(IReadOnlyList<ConversationSummary> Conversations, PresenceInfo Presence, UserSettings Settings,
    string? NextCursor = null, IReadOnlyList<Guid>? Removed = null);
