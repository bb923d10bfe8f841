using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace GoChat.Gateway.Tests;

/// <summary>
/// Mute, pin and archive a chat (issue 14): the caller's own, stored with their place in the chat, and the same on
/// every device of theirs at once.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ChatPreferencesTests(GatewayFixture fixture)
{
    private GoChatStack Stack => fixture.Stack;

    [Fact]
    public async Task Muting_reaches_every_device_and_the_list_and_off_unmutes()
    {
        var alice = GatewayFixture.Handle("alice");
        await using var phone = await Stack.ConnectAsync(alice);
        await using var desktop = await Stack.ConnectAsync(alice);
        Assert.Equal(phone.UserId, desktop.UserId);
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        var chat = await phone.CreateDirectAsync(bob.UserId);
        await phone.SendAsync(chat.Id, "Salam");

        var before = DateTimeOffset.UtcNow;
        var muted = await Mute(phone, chat.Id, "8h");
        Assert.InRange(muted.MutedUntil!.Value, before.AddHours(8).AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(8).AddMinutes(1));
        await desktop.WaitUntil(c => c.PreferenceChanges.Any(p => p.ConversationId == chat.Id && p.MutedUntil is not null), "the mute on the other device");
        Assert.Equal(muted.MutedUntil, Listed(await desktop.SyncAsync(), chat.Id).MutedUntil);
        Assert.Null(Listed(await bob.SyncAsync(), chat.Id).MutedUntil);

        Assert.Equal(ChatPreferences.Forever, (await Mute(phone, chat.Id, "always")).MutedUntil);
        Assert.Null((await Mute(phone, chat.Id, "off")).MutedUntil);
        Assert.Null(Listed(await desktop.SyncAsync(), chat.Id).MutedUntil);
    }

    [Fact]
    public async Task Pinned_chats_come_first_on_the_first_page_and_a_fourth_pin_is_refused()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        var chats = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            await using var peer = await Stack.ConnectAsync(GatewayFixture.Handle("rakan"));
            var chat = await alice.CreateDirectAsync(peer.UserId);
            await alice.SendAsync(chat.Id, $"Mesej {i}");
            chats.Add(chat.Id);
        }
        // The three oldest are pinned, the newest pin first; the other two follow by activity.
        foreach (var id in chats.Take(3)) Assert.NotNull((await Pin(alice, id, true)).PinnedAt);

        var refused = await Assert.ThrowsAsync<HubException>(() => Pin(alice, chats[3], true));
        HubErrors.AssertCode(ErrorCodes.TooManyPins, refused);

        var first = await alice.ConversationPageAsync(null, 1);
        Assert.Equal([chats[2], chats[1], chats[0], chats[4]], first.Conversations.Select(c => c.ConversationId));
        Assert.All(first.Conversations.Take(3), c => Assert.NotNull(c.PinnedAt));
        var second = await alice.ConversationPageAsync(first.NextCursor, 10);
        Assert.Equal([chats[3]], second.Conversations.Select(c => c.ConversationId));
        Assert.Null(second.NextCursor);

        Assert.Null((await Pin(alice, chats[0], false)).PinnedAt);
        Assert.NotNull((await Pin(alice, chats[3], true)).PinnedAt);
        Assert.Equal(3, (await alice.SyncAsync()).Conversations.Count(c => c.PinnedAt is not null));
    }

    [Fact]
    public async Task Archiving_marks_the_last_entry_so_a_newer_one_is_seen_to_bring_the_chat_back()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        var chat = await alice.CreateDirectAsync(bob.UserId);
        var last = await bob.SendAsync(chat.Id, "Laporan sudah siap");

        var archived = await Archive(alice, chat.Id, true);
        Assert.Equal(last.Seq, archived.ArchivedSeq);
        var listed = Listed(await alice.SyncAsync(), chat.Id);
        Assert.Equal(last.Seq, listed.ArchivedSeq);
        Assert.Equal(listed.LastSeq, listed.ArchivedSeq);

        var newer = await bob.SendAsync(chat.Id, "Satu lagi");
        listed = Listed(await alice.SyncAsync(), chat.Id);
        Assert.Equal(newer.Seq, listed.LastSeq);
        Assert.True(listed.LastSeq > listed.ArchivedSeq);

        Assert.Null((await Archive(alice, chat.Id, false)).ArchivedSeq);
        Assert.Null(Listed(await alice.SyncAsync(), chat.Id).ArchivedSeq);
    }

    [Fact]
    public async Task Leaving_a_chat_drops_how_it_was_kept()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        var group = await alice.CreateGroupAsync("Pasukan", [bob.UserId]);
        await Mute(bob, group.Id, "always");
        await Pin(bob, group.Id, true);

        await bob.Connection.InvokeAsync("LeaveConversation", group.Id.ToString());
        await alice.Connection.InvokeAsync<ConversationInfo>("AddMembers", group.Id.ToString(), new[] { bob.UserId.ToString() });

        var listed = Listed(await bob.SyncAsync(), group.Id);
        Assert.Null(listed.MutedUntil);
        Assert.Null(listed.PinnedAt);
    }

    [Theory]
    [InlineData("2h")]
    [InlineData("")]
    [InlineData("ALWAYS")]
    public async Task Unknown_mute_duration_is_invalid_and_changes_nothing(string duration)
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        var chat = await alice.CreateDirectAsync(bob.UserId);
        await alice.SendAsync(chat.Id, "Salam");

        HubErrors.AssertCode(ErrorCodes.InvalidArgument, await Assert.ThrowsAsync<HubException>(() => Mute(alice, chat.Id, duration)));
        Assert.Null(Listed(await alice.SyncAsync(), chat.Id).MutedUntil);
    }

    [Fact]
    public async Task Someone_elses_chat_cannot_be_muted_pinned_or_archived()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        await using var eve = await Stack.ConnectAsync(GatewayFixture.Handle("eve"));
        var chat = await alice.CreateDirectAsync(bob.UserId);

        HubErrors.AssertCode(ErrorCodes.ConversationNotFound, await Assert.ThrowsAsync<HubException>(() => Mute(eve, chat.Id, "always")));
        HubErrors.AssertCode(ErrorCodes.ConversationNotFound, await Assert.ThrowsAsync<HubException>(() => Pin(eve, chat.Id, true)));
        HubErrors.AssertCode(ErrorCodes.ConversationNotFound, await Assert.ThrowsAsync<HubException>(() => Archive(eve, chat.Id, true)));
        Assert.Empty(eve.PreferenceChanges);
    }

    private static ConversationSummary Listed(SyncResultDto sync, Guid chat) => sync.Conversations.Single(c => c.ConversationId == chat);

    private static Task<ChatPreferences> Mute(ChatClient client, Guid chat, string duration) =>
        client.Connection.InvokeAsync<ChatPreferences>("MuteConversation", chat.ToString(), duration);

    private static Task<ChatPreferences> Pin(ChatClient client, Guid chat, bool pinned) =>
        client.Connection.InvokeAsync<ChatPreferences>("PinConversation", chat.ToString(), pinned);

    private static Task<ChatPreferences> Archive(ChatClient client, Guid chat, bool archived) =>
        client.Connection.InvokeAsync<ChatPreferences>("ArchiveConversation", chat.ToString(), archived);
}
