using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace GoChat.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class MessagingTests(GatewayFixture fixture)
{
    private GoChatStack Stack => fixture.Stack;

    [Fact]
    public async Task Two_users_chat_both_ways_in_real_time()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        var chat = await alice.CreateDirectAsync(bob.UserId);
        await alice.SyncAsync();
        await bob.SyncAsync();

        var hello = await alice.SendAsync(chat.Id, "Selamat pagi, Bob");
        await bob.WaitForTexts(chat.Id, 1);
        var reply = await bob.SendAsync(chat.Id, "Pagi, Alice!", replyTo: hello.Seq);
        await alice.WaitForTexts(chat.Id, 2);

        var fromAlice = bob.TextsIn(chat.Id).Single(m => m.SenderId == alice.UserId);
        Assert.Equal("Selamat pagi, Bob", fromAlice.Text);
        Assert.Equal(hello.Seq, fromAlice.Seq);
        var received = alice.TextsIn(chat.Id).Single(m => m.SenderId == bob.UserId);
        Assert.Equal("Pagi, Alice!", received.Text);
        Assert.Equal(hello.Seq, received.ReplyToSeq);
        Assert.Equal(hello.Seq + 1, reply.Seq);
    }

    [Fact]
    public async Task A_direct_chat_reaches_the_peers_list_with_its_first_message_and_not_when_it_is_opened()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        await bob.SyncAsync();
        var chat = await alice.CreateDirectAsync(bob.UserId);
        var again = await alice.CreateDirectAsync(bob.UserId);

        Assert.Equal(chat.Id, again.Id);
        Assert.Contains(chat.Id, await ListOf(alice));
        Assert.DoesNotContain(chat.Id, await ListOf(bob));

        var hello = await alice.SendAsync(chat.Id, "Assalamualaikum, Bob", clientMessageId: "first-words");
        var resent = await alice.SendAsync(chat.Id, "Assalamualaikum, Bob", clientMessageId: "first-words");
        await bob.WaitForTexts(chat.Id, 1);

        Assert.True(resent.Duplicate);
        Assert.Equal(hello.Seq, resent.Seq);
        Assert.Contains(chat.Id, await ListOf(bob));
        Assert.Equal("Assalamualaikum, Bob", bob.TextsIn(chat.Id).Single().Text);
    }

    [Fact]
    public async Task The_peer_who_opens_a_direct_chat_before_anything_is_said_finds_it_in_their_own_list()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        var chat = await alice.CreateDirectAsync(bob.UserId);

        var opened = await bob.CreateDirectAsync(alice.UserId);

        Assert.Equal(chat.Id, opened.Id);
        Assert.Contains(chat.Id, await ListOf(bob));
        await alice.SyncAsync();
        await bob.SendAsync(chat.Id, "Saya dahulu");
        await alice.WaitForTexts(chat.Id, 1);
    }

    private static async Task<IEnumerable<Guid>> ListOf(ChatClient client) =>
        (await client.Connection.InvokeAsync<IReadOnlyList<ConversationSummary>>("GetConversations")).Select(c => c.ConversationId);

    [Fact]
    public async Task Live_delivery_goes_on_when_the_conversation_moves_to_a_new_activation()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        var chat = await alice.CreateDirectAsync(bob.UserId);
        await alice.SyncAsync();
        await bob.SyncAsync();
        await alice.SendAsync(chat.Id, "sebelum");
        await bob.WaitForTexts(chat.Id, 1);

        // Every idle activation goes, the conversation's too, and with it the gateway's subscription: the gateway
        // must subscribe again at once, not at its next renewal (a minute, longer than this test waits).
        var grains = Stack.SiloServices.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await alice.SendAsync(chat.Id, "selepas");

        await bob.WaitForTexts(chat.Id, 2, TimeSpan.FromSeconds(20));
        Assert.Equal(["sebelum", "selepas"], bob.TextsIn(chat.Id).Select(m => m.Text));
        Assert.Equal(2, bob.TextsIn(chat.Id).Select(m => m.Seq).Distinct().Count());
    }

    [Fact]
    public async Task Direct_conversation_is_one_per_pair_whoever_starts_it()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));

        var first = await alice.CreateDirectAsync(bob.UserId);
        var second = await bob.CreateDirectAsync(alice.UserId);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(1, await fixture.CountRows(first.Id));
    }

    [Fact]
    public async Task Group_of_50_members_each_receive_every_message_exactly_once_and_in_order()
    {
        var members = new List<ChatClient>();
        try
        {
            for (var i = 0; i < 50; i++) members.Add(await Stack.ConnectAsync(GatewayFixture.Handle($"m{i}")));
            var group = await members[0].CreateGroupAsync("Unit Digital", members.Skip(1).Select(m => m.UserId));
            await Task.WhenAll(members.Select(m => m.SyncAsync()));

            // Three members send at once, ten messages each: the conversation orders them, every member sees that order.
            var senders = members.Take(3).ToList();
            await Task.WhenAll(senders.Select(async (s, n) =>
            {
                for (var i = 0; i < 10; i++) await s.SendAsync(group.Id, $"sender {n} message {i}");
            }));
            await Task.WhenAll(members.Select(m => m.WaitForTexts(group.Id, 30)));

            var reference = members[0].TextsIn(group.Id).Select(m => m.Seq).ToList();
            Assert.Equal(reference.Order(), reference);
            foreach (var m in members)
            {
                var seqs = m.TextsIn(group.Id).Select(x => x.Seq).ToList();
                Assert.Equal(reference, seqs);
                Assert.Equal(seqs.Count, seqs.Distinct().Count());
            }
        }
        finally
        {
            foreach (var m in members) await m.DisposeAsync();
        }
    }

    [Fact]
    public async Task Offline_member_catches_up_exactly_once_and_in_order()
    {
        var (alice, bobHandle, chat, lastSeen) = await ChatWhileBobIsAway("before");
        await using var _ = alice;

        var missed = new List<long>();
        for (var i = 0; i < 20; i++) missed.Add((await alice.SendAsync(chat.Id, $"while away {i}")).Seq);

        await using var bobAgain = await Stack.ConnectAsync(bobHandle);
        await bobAgain.SyncAsync(new() { [chat.Id.ToString()] = lastSeen });
        await bobAgain.WaitForTexts(chat.Id, 20);
        await alice.SendAsync(chat.Id, "after");
        await bobAgain.WaitForTexts(chat.Id, 21);

        var got = bobAgain.Messages.Where(m => m.ConversationId == chat.Id).Select(m => m.Seq).ToList();
        Assert.Equal([.. missed, missed[^1] + 1], got);
    }

    [Fact]
    public async Task A_member_who_syncs_while_messages_arrive_gets_backlog_then_live_entries_each_once_in_order()
    {
        var (alice, bobHandle, chat, seen) = await ChatWhileBobIsAway("dilihat");
        await using var _ = alice;

        // More than one page of history (Limits.MaxHistoryPage) to catch up on.
        var sent = new List<long>();
        for (var i = 0; i < Limits.MaxHistoryPage + 100; i++) sent.Add((await alice.SendAsync(chat.Id, $"semasa tiada {i}")).Seq);

        // Alice keeps sending while Bob reconnects and syncs: his backlog and the live entries meet somewhere.
        await using var bobAgain = await Stack.ConnectAsync(bobHandle);
        var sending = Task.Run(async () =>
        {
            var live = new List<long>();
            for (var i = 0; i < 100; i++) live.Add((await alice.SendAsync(chat.Id, $"langsung {i}")).Seq);
            return live;
        });
        await bobAgain.SyncAsync(new() { [chat.Id.ToString()] = seen });
        sent.AddRange(await sending);
        sent.Add((await alice.SendAsync(chat.Id, "penanda")).Seq);

        await bobAgain.WaitForTexts(chat.Id, sent.Count);
        Assert.Equal(sent, bobAgain.TextsIn(chat.Id).Select(m => m.Seq));
    }

    [Fact]
    public async Task A_resend_with_the_same_client_id_is_stored_and_delivered_once()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        var chat = await alice.CreateDirectAsync(bob.UserId);
        await bob.SyncAsync();

        var first = await alice.SendAsync(chat.Id, "only once", clientMessageId: "client-1");
        var again = await alice.SendAsync(chat.Id, "only once", clientMessageId: "client-1");
        await alice.SendAsync(chat.Id, "marker");
        await bob.WaitForTexts(chat.Id, 2);

        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal(first.Seq, again.Seq);
        Assert.Equal(1, await fixture.CountRows(chat.Id, "client_message_id = 'client-1'"));
        Assert.Single(bob.TextsIn(chat.Id), m => m.Text == "only once");
    }

    [Fact]
    public async Task Non_member_is_refused_and_nothing_is_stored_or_delivered()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        await using var mallory = await Stack.ConnectAsync(GatewayFixture.Handle("mallory"));
        var chat = await alice.CreateDirectAsync(bob.UserId);
        await bob.SyncAsync();
        var before = await fixture.CountRows(chat.Id);

        var error = await Assert.ThrowsAsync<HubException>(() => mallory.SendAsync(chat.Id, "let me in"));
        HubErrors.AssertCode(ErrorCodes.ConversationNotFound, error);
        var history = await Assert.ThrowsAsync<HubException>(() =>
            mallory.Connection.InvokeAsync<IReadOnlyList<ChatMessage>>("GetHistory", chat.Id.ToString(), long.MaxValue, 50));
        HubErrors.AssertCode(ErrorCodes.ConversationNotFound, history);

        await alice.SendAsync(chat.Id, "marker");
        await bob.WaitForTexts(chat.Id, 1);
        Assert.Equal(before + 1, await fixture.CountRows(chat.Id));
        Assert.DoesNotContain(bob.Messages, m => m.Text == "let me in");
    }

    [Fact]
    public async Task Oversize_text_is_refused_and_stored_nowhere()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        var chat = await alice.CreateDirectAsync(bob.UserId);
        var huge = new string('x', Limits.MaxTextLength + 1);

        var error = await Assert.ThrowsAsync<HubException>(() => alice.SendAsync(chat.Id, huge));

        HubErrors.AssertCode(ErrorCodes.TextTooLong, error);
        Assert.Equal(0, await fixture.CountRowsWithText(huge));
        var ok = await alice.SendAsync(chat.Id, new string('y', Limits.MaxTextLength));
        Assert.Equal(2, ok.Seq);
    }

    [Fact]
    public async Task Unknown_conversation_and_malformed_ids_get_clear_error_codes()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));

        var unknown = await Assert.ThrowsAsync<HubException>(() => alice.SendAsync(Guid.NewGuid(), "hello?"));
        var malformed = await Assert.ThrowsAsync<HubException>(() => alice.Connection.InvokeAsync<SendAck>("SendMessage",
            new { ConversationId = "not-a-guid", ClientMessageId = "c1", Text = "hi" }));
        var badPeer = await Assert.ThrowsAsync<HubException>(() => alice.Connection.InvokeAsync<ConversationInfo>("CreateDirectConversation", "1234"));
        var ghostPeer = await Assert.ThrowsAsync<HubException>(() => alice.CreateDirectAsync(Guid.NewGuid()));
        var noClientId = await Assert.ThrowsAsync<HubException>(() => alice.Connection.InvokeAsync<SendAck>("SendMessage",
            new { ConversationId = Guid.NewGuid().ToString(), ClientMessageId = "", Text = "hi" }));

        HubErrors.AssertCode(ErrorCodes.ConversationNotFound, unknown);
        HubErrors.AssertCode(ErrorCodes.InvalidArgument, malformed);
        HubErrors.AssertCode(ErrorCodes.InvalidArgument, badPeer);
        HubErrors.AssertCode(ErrorCodes.UserNotFound, ghostPeer);
        HubErrors.AssertCode(ErrorCodes.InvalidArgument, noClientId);
    }

    [Fact]
    public async Task Unauthenticated_connection_is_refused()
    {
        var forged = new DevSession(Guid.NewGuid(), "nobody", "nobody", "not-a-token", DateTimeOffset.UtcNow.AddHours(1));
        await using var client = new ChatClient(Stack.GatewayUri, forged);

        var error = await Assert.ThrowsAnyAsync<Exception>(client.StartAsync);

        Assert.Contains("401", error.ToString());
    }

    [Fact]
    public async Task MessagePack_clients_chat_with_JSON_clients()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"), messagePack: true);
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        var chat = await alice.CreateDirectAsync(bob.UserId);
        await alice.SyncAsync();
        await bob.SyncAsync();

        await alice.SendAsync(chat.Id, "over msgpack");
        await bob.SendAsync(chat.Id, "over json");

        await bob.WaitForTexts(chat.Id, 2);
        await alice.WaitForTexts(chat.Id, 2);
        Assert.Equal(["over msgpack", "over json"], alice.TextsIn(chat.Id).Select(m => m.Text));
    }

    /// <summary>Alice and Bob in a direct chat; Bob saw one message, then went away. Returns the seq he saw last.</summary>
    private async Task<(ChatClient Alice, string BobHandle, ConversationInfo Chat, long LastSeen)> ChatWhileBobIsAway(string text)
    {
        var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        var bobHandle = GatewayFixture.Handle("bob");
        await using var bob = await Stack.ConnectAsync(bobHandle);
        var chat = await alice.CreateDirectAsync(bob.UserId);
        await alice.SyncAsync();
        await bob.SyncAsync();
        await alice.SendAsync(chat.Id, text);
        await bob.WaitForTexts(chat.Id, 1);
        return (alice, bobHandle, chat, bob.Messages.Where(m => m.ConversationId == chat.Id).Max(m => m.Seq));
    }
}
