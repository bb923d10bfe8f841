using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace GoChat.Gateway.Tests;

/// <summary>
/// Receipts and typing in groups, end to end over real SignalR clients: counts reach the sender only, a member's own
/// cursors reach only their other devices, the "read by" list is the sender's, typing reaches only those with the chat open.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ReceiptTests(GatewayFixture fixture)
{
    private GoChatStack Stack => fixture.Stack;

    [Fact]
    public async Task Group_receipts_reach_only_the_sender()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        await using var carol = await Stack.ConnectAsync(GatewayFixture.Handle("carol"));
        var group = await alice.CreateGroupAsync("Resit Kumpulan", [bob.UserId, carol.UserId]);
        await SyncAll(alice, bob, carol);

        var message = await alice.SendAsync(group.Id, "mesyuarat jam 3");
        await bob.WaitForTexts(group.Id, 1);
        await carol.WaitForTexts(group.Id, 1);
        await MarkRead(bob, group.Id, message.Seq);
        await alice.WaitUntil(c => c.CountsFor(group.Id, message.Seq) is { Read: 1 }, "bob's read, counted for alice");

        // A message after the receipts: once carol has it, any receipt push meant for her would have come before it.
        await bob.SendAsync(group.Id, "penanda");
        await carol.WaitForTexts(group.Id, 2);
        Assert.Empty(carol.ReceiptCounts);
        Assert.Empty(carol.Receipts);
        // Alice hears counts, never bob's cursor itself; bob hears only his own cursor.
        Assert.Empty(alice.Receipts);
        Assert.All(bob.Receipts, r => Assert.Equal(bob.UserId, r.UserId));
        Assert.All(alice.ReceiptCounts, c => Assert.Equal(alice.UserId, c.SenderId));
    }

    [Fact]
    public async Task Sender_sees_read_count_rise()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        var readers = new List<ChatClient>();
        try
        {
            for (var i = 0; i < 3; i++) readers.Add(await Stack.ConnectAsync(GatewayFixture.Handle($"reader{i}")));
            var group = await alice.CreateGroupAsync("Bacaan", readers.Select(r => r.UserId));
            await SyncAll([alice, .. readers]);
            var message = await alice.SendAsync(group.Id, "sila baca");

            for (var i = 0; i < readers.Count; i++)
            {
                await readers[i].WaitForTexts(group.Id, 1);
                await MarkRead(readers[i], group.Id, message.Seq);
                var expected = i + 1;
                await alice.WaitUntil(c => c.CountsFor(group.Id, message.Seq) is { } n && n.Read == expected, $"{expected} read");
                Assert.Equal(new MessageReceiptCount(message.Seq, 3, expected, expected), alice.CountsFor(group.Id, message.Seq));
            }
        }
        finally
        {
            foreach (var r in readers) await r.DisposeAsync();
        }
    }

    [Fact]
    public async Task Own_read_cursor_reaches_own_other_device()
    {
        var bobHandle = GatewayFixture.Handle("bob");
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bobPhone = await Stack.ConnectAsync(bobHandle);
        await using var bobDesktop = await Stack.ConnectAsync(bobHandle);
        await using var carol = await Stack.ConnectAsync(GatewayFixture.Handle("carol"));
        var group = await alice.CreateGroupAsync("Dua Peranti", [bobPhone.UserId, carol.UserId]);
        await SyncAll(alice, bobPhone, bobDesktop, carol);
        var message = await alice.SendAsync(group.Id, "baca di telefon");
        await bobPhone.WaitForTexts(group.Id, 1);

        await MarkRead(bobPhone, group.Id, message.Seq);

        await bobDesktop.WaitUntil(c => c.Receipts.Any(r => r.ConversationId == group.Id && r.UserId == bobPhone.UserId && r.ReadSeq == message.Seq),
            "bob's own read cursor on his desktop");
        Assert.Equal(0, (await bobDesktop.Connection.InvokeAsync<IReadOnlyList<ConversationSummary>>("GetConversations"))
            .Single(c => c.ConversationId == group.Id).UnreadCount);
        await alice.SendAsync(group.Id, "penanda");
        await carol.WaitForTexts(group.Id, 2);
        Assert.Empty(carol.Receipts);
        Assert.Empty(alice.Receipts);
    }

    [Fact]
    public async Task Only_the_sender_may_list_who_read()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        await using var carol = await Stack.ConnectAsync(GatewayFixture.Handle("carol"));
        await using var dave = await Stack.ConnectAsync(GatewayFixture.Handle("dave"));
        await using var mallory = await Stack.ConnectAsync(GatewayFixture.Handle("mallory"));
        var group = await alice.CreateGroupAsync("Siapa Baca", [bob.UserId, carol.UserId, dave.UserId]);
        await SyncAll(alice, bob, carol, dave, mallory);
        // Carol keeps read receipts off; dave's device never confirms the message.
        await carol.Connection.InvokeAsync<UserSettings>("UpdateSettings", new UserSettings(false));
        var message = await alice.SendAsync(group.Id, "laporan suku tahun");
        await MarkRead(bob, group.Id, message.Seq);
        await MarkRead(carol, group.Id, message.Seq);

        // The counts show both cursors have reached the conversation; the list is read from the same cursors.
        await alice.WaitUntil(c => c.CountsFor(group.Id, message.Seq) is { Delivered: 2 }, "both receipts, counted");
        var who = await GetReceipts(alice, group.Id, message.Seq);
        Assert.Equal([bob.UserId], who.ReadBy);
        Assert.Equal([carol.UserId], who.DeliveredTo);
        Assert.Equal([dave.UserId], who.Pending);

        HubErrors.AssertCode(ErrorCodes.Forbidden, await Assert.ThrowsAsync<HubException>(() => GetReceipts(bob, group.Id, message.Seq)));
        HubErrors.AssertCode(ErrorCodes.ConversationNotFound, await Assert.ThrowsAsync<HubException>(() => GetReceipts(mallory, group.Id, message.Seq)));
        HubErrors.AssertCode(ErrorCodes.MessageNotFound, await Assert.ThrowsAsync<HubException>(() => GetReceipts(alice, group.Id, message.Seq + 100)));

        // A sender who keeps read receipts off sees who has it, not who read it.
        await alice.Connection.InvokeAsync<UserSettings>("UpdateSettings", new UserSettings(false));
        var reply = await bob.SendAsync(group.Id, "diterima");
        await alice.WaitForTexts(group.Id, 2);
        await MarkRead(alice, group.Id, reply.Seq);
        await alice.WaitUntil(c => c.Receipts.Any(r => r.UserId == alice.UserId && r.ReadSeq == reply.Seq), "alice's own cursor, with her setting");
        who = await GetReceipts(alice, group.Id, message.Seq);
        Assert.Empty(who.ReadBy);
        Assert.Equal(new[] { bob.UserId, carol.UserId }.Order(), who.DeliveredTo.Order());
    }

    [Fact]
    public async Task Typing_reaches_only_members_with_the_chat_open()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        await using var carol = await Stack.ConnectAsync(GatewayFixture.Handle("carol"));
        var group = await alice.CreateGroupAsync("Menaip", [bob.UserId, carol.UserId]);
        var elsewhere = await carol.CreateDirectAsync(bob.UserId);
        await SyncAll(alice, bob, carol);
        await bob.SetOpenAsync(group.Id);
        await carol.SetOpenAsync(elsewhere.Id);

        await alice.Connection.InvokeAsync("Typing", group.Id.ToString(), true);
        await bob.WaitUntil(c => c.TypingSignals.Any(t => t.ConversationId == group.Id && t.UserId == alice.UserId && t.IsTyping), "alice typing, for bob");
        await alice.SendAsync(group.Id, "penanda");
        await carol.WaitForTexts(group.Id, 1);
        Assert.Empty(carol.TypingSignals);

        // Carol opens the group and bob closes his chats: the next signal is carol's only.
        await carol.SetOpenAsync(group.Id);
        await bob.SetOpenAsync(null);
        await alice.Connection.InvokeAsync("Typing", group.Id.ToString(), false);
        await carol.WaitUntil(c => c.TypingSignals.Any(t => t.UserId == alice.UserId && !t.IsTyping), "alice stopped, for carol");
        await alice.SendAsync(group.Id, "penanda lagi");
        await bob.WaitForTexts(group.Id, 2);
        Assert.DoesNotContain(bob.TypingSignals, t => !t.IsTyping);

        var malformed = await Assert.ThrowsAsync<HubException>(() => bob.Connection.InvokeAsync("SetOpenConversation", "bukan-id"));
        HubErrors.AssertCode(ErrorCodes.InvalidArgument, malformed);
    }

    private static Task SyncAll(params ChatClient[] clients) => Task.WhenAll(clients.Select(c => c.SyncAsync()));

    private static Task MarkRead(ChatClient client, Guid conversationId, long seq) => client.Connection.InvokeAsync("MarkRead", conversationId.ToString(), seq);

    private static Task<MessageReceipts> GetReceipts(ChatClient client, Guid conversationId, long seq) =>
        client.Connection.InvokeAsync<MessageReceipts>("GetReceipts", conversationId.ToString(), seq);
}
