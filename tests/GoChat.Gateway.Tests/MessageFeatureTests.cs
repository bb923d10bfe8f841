using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace GoChat.Gateway.Tests;

/// <summary>
/// Issue 14's per-message features, end to end with real SignalR clients: reactions, forwarding, stars and mentions,
/// each with the refusals that change nothing.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class MessageFeatureTests(GatewayFixture fixture)
{
    private GoChatStack Stack => fixture.Stack;

    [Fact]
    public async Task Reactions_reach_every_member_once_and_toggle()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        await using var carol = await Stack.ConnectAsync(GatewayFixture.Handle("carol"));
        var group = await alice.CreateGroupAsync("Reaksi", [bob.UserId, carol.UserId]);
        await SyncAll(alice, bob, carol);
        var sent = await alice.SendAsync(group.Id, "Mesyuarat jam 3");

        var first = await React(bob, group.Id, sent.Seq, "👍", add: true);
        await React(carol, group.Id, sent.Seq, "👍", add: true);
        await React(carol, group.Id, sent.Seq, "👨‍👩‍👧", add: true); // one ZWJ sequence is one emoji
        foreach (var c in new[] { alice, bob, carol })
        {
            await c.WaitUntil(x => Reactions(x, group.Id).Count() == 3, "three reaction entries");
        }
        var added = Reactions(alice, group.Id).Single(m => m.Seq == first.Seq);
        Assert.Equal((MessageKind.ReactionAdded, sent.Seq, "👍", bob.UserId), (added.Kind, added.TargetSeq, added.Text, added.SenderId));

        // Adding what is there changes nothing; taking it off is one entry; taking it off again nothing.
        var again = await React(bob, group.Id, sent.Seq, "👍", add: true);
        Assert.Equal(0, again.Seq);
        var removed = await React(bob, group.Id, sent.Seq, "👍", add: false);
        Assert.True(removed.Seq > 0);
        Assert.Equal(0, (await React(bob, group.Id, sent.Seq, "👍", add: false)).Seq);
        await carol.WaitUntil(x => Reactions(x, group.Id).Any(m => m.Kind == MessageKind.ReactionRemoved), "the removal");
        await RoundTrip(carol);
        Assert.Equal(4, Reactions(carol, group.Id).Count());
        Assert.Equal(4, Reactions(carol, group.Id).Select(m => m.Seq).Distinct().Count());

        // Persisted: history holds the entries, and they do not become the list's last message.
        var history = await History(bob, group.Id);
        Assert.Equal(4, history.Count(m => m.Kind is MessageKind.ReactionAdded or MessageKind.ReactionRemoved));
        var summary = (await bob.Connection.InvokeAsync<IReadOnlyList<ConversationSummary>>("GetConversations")).Single(c => c.ConversationId == group.Id);
        Assert.Equal(sent.Seq, summary.LastMessage!.Seq);
    }

    [Fact]
    public async Task Reaction_refusals_change_nothing()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        await using var carol = await Stack.ConnectAsync(GatewayFixture.Handle("carol"));
        var group = await alice.CreateGroupAsync("Had reaksi", [bob.UserId, carol.UserId]);
        await SyncAll(alice, bob, carol);
        var sent = await alice.SendAsync(group.Id, "Sila semak");
        var before = await fixture.CountRows(group.Id);

        // Words, two emoji, padding, control characters, and one emoji joined past the length limit.
        var overlong = string.Join("\u200D", Enumerable.Repeat("👨", Limits.MaxReactionLength));
        foreach (var text in new[] { "ok", "hello world", "1", "👍👍", "👍 ", "", "a\u0000", overlong })
        {
            HubErrors.AssertCode(ErrorCodes.InvalidReaction, await Assert.ThrowsAsync<HubException>(() => React(bob, group.Id, sent.Seq, text, add: true)));
        }
        HubErrors.AssertCode(ErrorCodes.MessageNotFound, await Assert.ThrowsAsync<HubException>(() => React(bob, group.Id, sent.Seq + 50, "👍", add: true)));
        HubErrors.AssertCode(ErrorCodes.MessageNotFound, await Assert.ThrowsAsync<HubException>(() => React(bob, group.Id, 1, "👍", add: true))); // "Created"

        foreach (var emoji in new[] { "👍", "❤️", "😂" }) await React(bob, group.Id, sent.Seq, emoji, add: true);
        HubErrors.AssertCode(ErrorCodes.TooManyReactions, await Assert.ThrowsAsync<HubException>(() => React(bob, group.Id, sent.Seq, "🙏", add: true)));
        Assert.Equal(before + 3, await fixture.CountRows(group.Id));

        // Someone who never was a member cannot tell the group exists.
        await using var stranger = await Stack.ConnectAsync(GatewayFixture.Handle("stranger"));
        HubErrors.AssertCode(ErrorCodes.ConversationNotFound, await Assert.ThrowsAsync<HubException>(() => React(stranger, group.Id, sent.Seq, "👍", add: true)));
        Assert.Equal(before + 3, await fixture.CountRows(group.Id));

        // A member who left cannot react: the group looks missing, as for any stranger.
        await carol.Connection.InvokeAsync("LeaveConversation", group.Id.ToString());
        var afterLeave = await fixture.CountRows(group.Id);
        HubErrors.AssertCode(ErrorCodes.ConversationNotFound, await Assert.ThrowsAsync<HubException>(() => React(carol, group.Id, sent.Seq, "👍", add: true)));
        Assert.Equal(afterLeave, await fixture.CountRows(group.Id));

        // A deleted message takes no more reactions.
        await alice.Connection.InvokeAsync<SendAck>("DeleteMessage", group.Id.ToString(), sent.Seq, Guid.NewGuid().ToString("N"));
        HubErrors.AssertCode(ErrorCodes.MessageNotFound, await Assert.ThrowsAsync<HubException>(() => React(bob, group.Id, sent.Seq, "🙏", add: false)));
    }

    [Fact]
    public async Task Forward_copies_a_message_into_several_chats_marked_forwarded()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        await using var carol = await Stack.ConnectAsync(GatewayFixture.Handle("carol"));
        var source = await bob.CreateGroupAsync("Sumber", [alice.UserId]);
        var toBob = await alice.CreateDirectAsync(bob.UserId);
        var toCarol = await alice.CreateDirectAsync(carol.UserId);
        await SyncAll(alice, bob, carol);
        var original = await bob.SendAsync(source.Id, "Pekeliling baharu");
        var clientId = Guid.NewGuid().ToString("N");

        var acks = await Forward(alice, source.Id, original.Seq, [toBob.Id, toCarol.Id], clientId);
        Assert.Equal(2, acks.Count);
        await carol.WaitUntil(c => c.TextsIn(toCarol.Id).Count == 1, "the copy for carol");
        await bob.WaitUntil(c => c.TextsIn(toBob.Id).Count == 1, "the copy for bob");
        foreach (var copy in new[] { carol.TextsIn(toCarol.Id)[0], bob.TextsIn(toBob.Id)[0] })
        {
            Assert.Equal(("Pekeliling baharu", alice.UserId, true), (copy.Text, copy.SenderId, copy.Forwarded));
        }
        Assert.False(bob.TextsIn(source.Id).Single().Forwarded);
        Assert.True((await History(carol, toCarol.Id)).Single(m => m.Kind == MessageKind.Text).Forwarded);

        // A retry of the same forward lands nowhere twice.
        var retried = await Forward(alice, source.Id, original.Seq, [toBob.Id, toCarol.Id], clientId);
        Assert.All(retried, a => Assert.True(a.Duplicate));
        Assert.Equal(1, await fixture.CountRows(toCarol.Id, "kind = 0"));
    }

    [Fact]
    public async Task Forward_refusals_send_nothing_anywhere()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        await using var carol = await Stack.ConnectAsync(GatewayFixture.Handle("carol"));
        var mine = await alice.CreateDirectAsync(bob.UserId);
        var theirs = await bob.CreateDirectAsync(carol.UserId); // alice is not in it
        await SyncAll(alice, bob, carol);
        var sent = await alice.SendAsync(mine.Id, "Untuk dimajukan");
        var secret = await bob.SendAsync(theirs.Id, "Rahsia bob dan carol");
        var targets = new List<Guid>();
        for (var i = 0; i < Limits.MaxForwardTargets + 1; i++)
        {
            var peer = await Stack.ConnectAsync(GatewayFixture.Handle($"p{i}"));
            targets.Add((await alice.CreateDirectAsync(peer.UserId)).Id);
            await peer.DisposeAsync();
        }

        // Into a chat she is not in, among her own: nothing goes anywhere.
        HubErrors.AssertCode(ErrorCodes.ConversationNotFound, await Assert.ThrowsAsync<HubException>(() => Forward(alice, mine.Id, sent.Seq, [targets[0], theirs.Id])));
        // From a chat she cannot read.
        HubErrors.AssertCode(ErrorCodes.ConversationNotFound, await Assert.ThrowsAsync<HubException>(() => Forward(alice, theirs.Id, secret.Seq, [targets[0]])));
        // Too many targets, none, a message that is not there.
        HubErrors.AssertCode(ErrorCodes.TooManyTargets, await Assert.ThrowsAsync<HubException>(() => Forward(alice, mine.Id, sent.Seq, targets)));
        HubErrors.AssertCode(ErrorCodes.InvalidArgument, await Assert.ThrowsAsync<HubException>(() => Forward(alice, mine.Id, sent.Seq, [])));
        HubErrors.AssertCode(ErrorCodes.MessageNotFound, await Assert.ThrowsAsync<HubException>(() => Forward(alice, mine.Id, sent.Seq + 10, [targets[0]])));
        foreach (var t in targets) Assert.Equal(0, await fixture.CountRows(t, "kind = 0"));
        Assert.Equal(1, await fixture.CountRows(theirs.Id, "kind = 0"));
    }

    [Fact]
    public async Task Stars_are_private_and_listed_newest_first()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        await using var carol = await Stack.ConnectAsync(GatewayFixture.Handle("carol"));
        var group = await alice.CreateGroupAsync("Bintang", [bob.UserId]);
        var other = await bob.CreateDirectAsync(carol.UserId);
        await SyncAll(alice, bob, carol);
        var first = await bob.SendAsync(group.Id, "Pertama");
        var second = await bob.SendAsync(group.Id, "Kedua");
        var hidden = await bob.SendAsync(other.Id, "Bukan untuk alice");
        var rowsBefore = await fixture.CountRows(group.Id);

        await Star(alice, group.Id, first.Seq, true);
        await Star(alice, group.Id, second.Seq, true);
        await Star(alice, group.Id, second.Seq, true); // idempotent
        var list = await Starred(alice);
        Assert.Equal(["Kedua", "Pertama"], list.Select(s => s.Message.Text));
        Assert.Empty(await Starred(bob));
        Assert.Equal(rowsBefore, await fixture.CountRows(group.Id)); // no conversation entry

        // Edits show in the list; unstarring takes it off; a message she cannot read cannot be starred.
        await bob.Connection.InvokeAsync<SendAck>("EditMessage", group.Id.ToString(), first.Seq, "Pertama (disunting)", Guid.NewGuid().ToString("N"));
        Assert.Contains(await Starred(alice), s => s.Message.Text == "Pertama (disunting)");
        await Star(alice, group.Id, second.Seq, false);
        Assert.Equal([first.Seq], (await Starred(alice)).Select(s => s.Message.Seq));
        HubErrors.AssertCode(ErrorCodes.ConversationNotFound, await Assert.ThrowsAsync<HubException>(() => Star(alice, other.Id, hidden.Seq, true)));
        HubErrors.AssertCode(ErrorCodes.MessageNotFound, await Assert.ThrowsAsync<HubException>(() => Star(alice, group.Id, 999, true)));
        Assert.Equal([first.Seq], (await Starred(alice)).Select(s => s.Message.Seq)); // the refusals starred nothing

        // Once she leaves, the group's stars leave her list.
        await alice.Connection.InvokeAsync("LeaveConversation", group.Id.ToString());
        Assert.Empty(await Starred(alice));
    }

    [Fact]
    public async Task Mentions_are_stored_with_the_message_and_only_of_members()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        await using var carol = await Stack.ConnectAsync(GatewayFixture.Handle("carol"));
        var group = await alice.CreateGroupAsync("Sebutan", [bob.UserId]);
        await SyncAll(alice, bob, carol);

        await Mention(alice, group.Id, "@bob sila semak", [bob.UserId]);
        await bob.WaitForTexts(group.Id, 1);
        Assert.Equal([bob.UserId], bob.TextsIn(group.Id)[0].Mentions);
        Assert.Equal([bob.UserId], (await History(bob, group.Id)).Single(m => m.Kind == MessageKind.Text).Mentions);

        HubErrors.AssertCode(ErrorCodes.NotMember, await Assert.ThrowsAsync<HubException>(() => Mention(alice, group.Id, "@carol", [carol.UserId])));
        HubErrors.AssertCode(ErrorCodes.InvalidArgument, await Assert.ThrowsAsync<HubException>(() => alice.Connection.InvokeAsync<SendAck>("SendMessage",
            new { ConversationId = group.Id.ToString(), ClientMessageId = Guid.NewGuid().ToString("N"), Text = "x", Mentions = new[] { "bukan-id" } })));
        Assert.Equal(1, await fixture.CountRows(group.Id, "kind = 0"));
    }

    private static Task<SendAck> Mention(ChatClient client, Guid conversationId, string text, Guid[] mentions) =>
        client.Connection.InvokeAsync<SendAck>("SendMessage", new
        {
            ConversationId = conversationId.ToString(),
            ClientMessageId = Guid.NewGuid().ToString("N"),
            Text = text,
            Mentions = mentions.Select(m => m.ToString()).ToArray(),
        });

    private static Task<SendAck> React(ChatClient client, Guid conversationId, long seq, string emoji, bool add) =>
        client.Connection.InvokeAsync<SendAck>("ReactToMessage", conversationId.ToString(), seq, emoji, add);

    private static Task<IReadOnlyList<SendAck>> Forward(ChatClient client, Guid source, long seq, IEnumerable<Guid> targets, string? clientId = null) =>
        client.Connection.InvokeAsync<IReadOnlyList<SendAck>>("ForwardMessage", source.ToString(), seq, targets.Select(t => t.ToString()).ToArray(),
            clientId ?? Guid.NewGuid().ToString("N"));

    private static Task Star(ChatClient client, Guid conversationId, long seq, bool starred) =>
        client.Connection.InvokeAsync("StarMessage", conversationId.ToString(), seq, starred);

    private static Task<IReadOnlyList<StarredMessage>> Starred(ChatClient client) =>
        client.Connection.InvokeAsync<IReadOnlyList<StarredMessage>>("GetStarredMessages");

    private static IEnumerable<ChatMessage> Reactions(ChatClient client, Guid conversationId) =>
        client.Messages.Where(m => m.ConversationId == conversationId && m.Kind is MessageKind.ReactionAdded or MessageKind.ReactionRemoved);

    private static Task SyncAll(params ChatClient[] clients) => Task.WhenAll(clients.Select(c => c.SyncAsync()));

    private static Task RoundTrip(ChatClient client) => client.Connection.InvokeAsync<UserSettings>("GetSettings");

    private static Task<IReadOnlyList<ChatMessage>> History(ChatClient client, Guid conversationId) =>
        client.Connection.InvokeAsync<IReadOnlyList<ChatMessage>>("GetHistory", conversationId.ToString(), long.MaxValue, 100);
}
