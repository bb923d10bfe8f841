using System.Collections.Concurrent;
using GoChat.GrainInterfaces.Events;
using GoChat.Grains.Storage;
using GoChat.Silo;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace GoChat.Grains.Tests;

/// <summary>
/// The conversation's failure path when the database refuses an entry's data. The text validator would stop
/// such text long before, so this cluster's message log puts a NUL into any text carrying <see cref="Marker"/>
/// on its way to the real writer: what the grain then meets is PostgreSQL's own refusal (SQLSTATE 22021).
/// </summary>
public sealed class RefusedEntryTests : IAsyncLifetime
{
    public const string Marker = "[nul]";

    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await (await PostgresServer.Shared).CreateDatabaseAsync("refused");
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.AddGoChatSiloServices(connectionString);
            host.Services.AddSingleton<IMessageLog>(sp => new NulInjectingLog(ActivatorUtilities.CreateInstance<PostgresMessageLog>(sp)));
        });
        builder.ConfigureSilo((_, silo) => silo.AddGoChatStorage());
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Text_the_database_refuses_answers_invalid_text_and_the_conversation_goes_on_without_restarting()
    {
        var grains = _cluster.Client;
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await Task.WhenAll(grains.GetGrain<IUserGrain>(a).Register("ua" + a.ToString("N")[..8], "A"), grains.GetGrain<IUserGrain>(b).Register("ub" + b.ToString("N")[..8], "B"));
        var id = ConversationIds.Direct(a, b);
        var conversation = grains.GetGrain<IConversationGrain>(id);
        await conversation.CreateDirect(a, b);
        var observer = new Recorder();
        var reference = grains.CreateObjectReference<IConversationObserver>(observer);
        await conversation.Subscribe(reference);

        var refused = await Assert.ThrowsAsync<GoChatException>(() => conversation.Send(a, new SendMessageRequest(id, "bad-1", "a" + Marker + "b")));
        Assert.Equal(ErrorCodes.InvalidText, refused.Code);
        // A resend is refused the same way (a refused send is not remembered as done, like any failed one).
        Assert.Equal(ErrorCodes.InvalidText, (await Assert.ThrowsAsync<GoChatException>(() => conversation.Send(a, new SendMessageRequest(id, "bad-1", "a" + Marker + "b")))).Code);
        var next = await conversation.Send(b, new SendMessageRequest(id, "good-1", "masih di sini"));

        Assert.Equal(4, next.Seq); // 1 created, 2 and 3 placeholders, 4 this one: no restart, no gap
        await observer.WaitFor(m => m.Seq == 4);
        var published = observer.Messages.OrderBy(m => m.Seq).ToList();
        Assert.Equal([2L, 3L, 4L], published.Select(m => m.Seq));
        Assert.All(published[..2], m => Assert.True(m.Deleted && m.Text is null));
        Assert.Equal("masih di sini", published[2].Text);
        Assert.Equal(0, observer.Unsubscribed); // the activation never went into recovery
        var history = await conversation.GetBefore(b, long.MaxValue, 10);
        Assert.DoesNotContain(history, m => m.SenderId == a && m.Text is not null); // nothing of the refused text stored
    }

    private sealed class NulInjectingLog(PostgresMessageLog inner) : IMessageLog
    {
        public Task Append(ChatMessage entry) =>
            inner.Append(entry.Text?.Contains(Marker) == true ? entry with { Text = entry.Text.Replace(Marker, "\0") } : entry);

        public void Reopen(Guid conversationId) => inner.Reopen(conversationId);
        public Task<long> GetLastSeq(Guid conversationId) => inner.GetLastSeq(conversationId);
        public Task<ChatMessage?> Get(Guid conversationId, long seq) => inner.Get(conversationId, seq);
        public Task<IReadOnlyList<ChatMessage>> ReadAfter(Guid conversationId, long afterSeq, int limit) => inner.ReadAfter(conversationId, afterSeq, limit);
        public Task<IReadOnlyList<ChatMessage>> ReadBefore(Guid conversationId, long beforeSeq, long floorSeq, int limit) => inner.ReadBefore(conversationId, beforeSeq, floorSeq, limit);
        public Task<IReadOnlyList<SentClientId>> ReadRecentClientIds(Guid conversationId, int limit) => inner.ReadRecentClientIds(conversationId, limit);
        public Task<ChatMessage?> FindByClientId(Guid conversationId, Guid senderId, string clientMessageId) => inner.FindByClientId(conversationId, senderId, clientMessageId);
    }

    private sealed class Recorder : IConversationObserver
    {
        private readonly ConcurrentQueue<ChatMessage> _messages = new();
        private readonly SemaphoreSlim _changed = new(0);
        private int _unsubscribed;

        public IReadOnlyList<ChatMessage> Messages => [.. _messages];
        public int Unsubscribed => Volatile.Read(ref _unsubscribed);

        public Task OnEvent(Guid conversationId, ConversationEvent evt)
        {
            if (evt.Message is { } m) _messages.Enqueue(m);
            _changed.Release();
            return Task.CompletedTask;
        }

        public Task OnUnsubscribed(Guid conversationId)
        {
            Interlocked.Increment(ref _unsubscribed);
            _changed.Release();
            return Task.CompletedTask;
        }

        public async Task WaitFor(Func<ChatMessage, bool> condition)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (!Messages.Any(condition))
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !await _changed.WaitAsync(left)) throw new TimeoutException("The conversation published nothing matching.");
            }
        }
    }
}
