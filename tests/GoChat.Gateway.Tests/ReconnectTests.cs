using GoChat.Gateway.Hubs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace GoChat.Gateway.Tests;

/// <summary>Reconnecting with many conversations: Sync joins what changed at once and the rest in the background.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ReconnectTests(GatewayFixture fixture)
{
    private GoChatStack Stack => fixture.Stack;
    private IGrainFactory Grains => Stack.SiloServices.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task Reconnect_with_many_conversations_gets_every_missed_message_once()
    {
        var owner = await Stack.SignInAsync(GatewayFixture.Handle("pemilik"));
        var me = await Stack.SignInAsync(GatewayFixture.Handle("saya"));
        var groups = Enumerable.Range(0, 300).Select(_ => Guid.NewGuid()).ToList();
        await Each(groups, (id, i) => Grains.GetGrain<IConversationGrain>(id).CreateGroup(owner.UserId, $"Kumpulan {i}", [me.UserId]));
        // The client holds every group up to its first entry; while it is away, 50 of them get two messages each.
        var held = groups.ToDictionary(id => id.ToString(), _ => 1L);
        var changed = groups.Where((_, i) => i % 6 == 0).ToList();
        Assert.Equal(50, changed.Count);
        var missed = new List<(Guid, long)>();
        foreach (var id in changed)
        {
            for (var k = 0; k < 2; k++)
            {
                var ack = await Grains.GetGrain<IConversationGrain>(id).Send(owner.UserId, new SendMessageRequest(id, $"m{k}", $"terlepas {k}"));
                missed.Add((id, ack.Seq));
            }
        }

        await using var client = new ChatClient(Stack.GatewayUri, me);
        await client.StartAsync();
        var sync = await client.SyncAsync(held);

        // The first page is the newest activity: exactly the groups that changed.
        Assert.Equal(ChatHub.SyncPageSize, sync.Conversations.Count);
        Assert.Equal(changed.Order(), sync.Conversations.Select(c => c.ConversationId).Order());
        Assert.All(sync.Conversations, c => Assert.Equal(2, c.UnreadCount));
        // A group that did not change, joined in the background: a message sent right now still arrives.
        var quiet = groups[1];
        var live = await Grains.GetGrain<IConversationGrain>(quiet).Send(owner.UserId, new SendMessageRequest(quiet, "live", "baru sahaja"));
        missed.Add((quiet, live.Seq));

        await client.WaitUntil(c => c.Messages.Count(m => m.Kind == MessageKind.Text) >= missed.Count, $"{missed.Count} texts");
        var texts = client.Messages.Where(m => m.Kind == MessageKind.Text).Select(m => (m.ConversationId, m.Seq)).ToList();
        Assert.Equal(texts.Count, texts.Distinct().Count()); // once each
        Assert.Equal(missed.Order(), texts.Order());
        Assert.DoesNotContain(client.Messages, m => m.Seq <= 1); // nothing the client already held

        // The rest of the list, page by page, each group once; the one that spoke since Sync moved ahead of the
        // cursor (newest first), and the client has it from its live message instead.
        var listed = sync.Conversations.Select(c => c.ConversationId).ToList();
        for (var cursor = sync.NextCursor; cursor is not null;)
        {
            var page = await client.ConversationPageAsync(cursor, 100);
            listed.AddRange(page.Conversations.Select(c => c.ConversationId));
            cursor = page.NextCursor;
        }
        Assert.Equal(listed.Count, listed.Distinct().Count());
        Assert.Equal(groups.Order(), listed.Append(quiet).Distinct().Order());
    }

    [Fact]
    public async Task Reading_on_one_device_clears_unread_after_reconnect()
    {
        var owner = await Stack.SignInAsync(GatewayFixture.Handle("pemilik"));
        var me = await Stack.SignInAsync(GatewayFixture.Handle("saya"));
        var id = Guid.NewGuid();
        await Grains.GetGrain<IConversationGrain>(id).CreateGroup(owner.UserId, "Dua peranti", [me.UserId]);
        long last = 0;
        for (var k = 0; k < 3; k++) last = (await Grains.GetGrain<IConversationGrain>(id).Send(owner.UserId, new SendMessageRequest(id, $"d{k}", $"mesej {k}"))).Seq;

        await using var phone = new ChatClient(Stack.GatewayUri, me);
        await phone.StartAsync();
        Assert.Equal(3, (await phone.SyncAsync()).Conversations.Single(c => c.ConversationId == id).UnreadCount);
        await phone.Connection.InvokeAsync("MarkRead", id.ToString(), last);

        // The laptop connects right after: the read cursor is still queued for the batched writer, and must count.
        await using var laptop = new ChatClient(Stack.GatewayUri, me);
        await laptop.StartAsync();
        var summary = (await laptop.SyncAsync(new() { [id.ToString()] = last })).Conversations.Single(c => c.ConversationId == id);
        Assert.Equal(0, summary.UnreadCount);
        Assert.Equal(last, summary.ReadSeq);
    }

    [Fact]
    public async Task Sync_names_the_conversations_the_user_was_removed_from_while_away()
    {
        var owner = await Stack.SignInAsync(GatewayFixture.Handle("pemilik"));
        var me = await Stack.SignInAsync(GatewayFixture.Handle("saya"));
        var (kept, gone) = (Guid.NewGuid(), Guid.NewGuid());
        await Grains.GetGrain<IConversationGrain>(kept).CreateGroup(owner.UserId, "Kekal", [me.UserId]);
        await Grains.GetGrain<IConversationGrain>(gone).CreateGroup(owner.UserId, "Hilang", [me.UserId]);
        await Grains.GetGrain<IConversationGrain>(gone).RemoveMember(owner.UserId, me.UserId);

        await using var client = new ChatClient(Stack.GatewayUri, me);
        await client.StartAsync();
        var sync = await client.SyncAsync(new() { [kept.ToString()] = 1, [gone.ToString()] = 1 });
        Assert.Equal([gone], sync.Removed);
        Assert.Equal([kept], sync.Conversations.Select(c => c.ConversationId));
        Assert.Null(sync.NextCursor);
    }

    [Fact]
    public async Task A_client_holding_thousands_of_conversations_syncs_them_all_in_one_call()
    {
        var owner = await Stack.SignInAsync(GatewayFixture.Handle("pemilik"));
        var me = await Stack.SignInAsync(GatewayFixture.Handle("saya"));
        var kept = Guid.NewGuid();
        await Grains.GetGrain<IConversationGrain>(kept).CreateGroup(owner.UserId, "Kekal", [me.UserId]);
        // Ids the user is not in: what a device holds for conversations it was removed from reads the same.
        var held = Enumerable.Range(0, ChatHub.MaxSyncConversations - 1).ToDictionary(_ => Guid.NewGuid().ToString(), i => (long)i + 1);
        held[kept.ToString()] = 1;

        await using var client = new ChatClient(Stack.GatewayUri, me);
        await client.StartAsync();
        var sync = await client.SyncAsync(held);

        Assert.Equal([kept], sync.Conversations.Select(c => c.ConversationId));
        Assert.Equal(ChatHub.MaxSyncConversations - 1, sync.Removed?.Count);
        held[Guid.NewGuid().ToString()] = 1;
        HubErrors.AssertCode(ErrorCodes.InvalidArgument, await Assert.ThrowsAsync<HubException>(() => client.SyncAsync(held)));
    }

    [Fact]
    public async Task A_page_cursor_that_is_not_the_servers_is_refused()
    {
        await using var client = await Stack.ConnectAsync(GatewayFixture.Handle("kursor"));
        HubErrors.AssertCode(ErrorCodes.InvalidArgument, await Assert.ThrowsAsync<HubException>(() => client.ConversationPageAsync("123.bukan-id", 10)));
    }

    private static async Task Each(IReadOnlyList<Guid> ids, Func<Guid, int, Task> action)
    {
        using var limiter = new SemaphoreSlim(8);
        await Task.WhenAll(ids.Select(async (id, i) =>
        {
            await limiter.WaitAsync();
            try
            {
                await action(id, i);
            }
            finally
            {
                limiter.Release();
            }
        }));
    }
}
