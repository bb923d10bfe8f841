using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace GoChat.Gateway.Tests;

/// <summary>
/// Group membership, edits and deletes, devices, the conversation list, receipts, typing and presence, end to end:
/// real silo, real gateway, real PostgreSQL, real SignalR clients.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ConversationFeatureTests(GatewayFixture fixture)
{
    private GoChatStack Stack => fixture.Stack;

    [Fact]
    public async Task Member_removed_from_a_group_receives_no_new_messages()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        await using var carol = await Stack.ConnectAsync(GatewayFixture.Handle("carol"));
        var removed = Track<Guid>(bob, "ConversationRemoved");
        var group = await alice.CreateGroupAsync("Bahagian Kewangan", [bob.UserId, carol.UserId]);
        await SyncAll(alice, bob, carol);

        await alice.SendAsync(group.Id, "before removal");
        await bob.WaitForTexts(group.Id, 1);
        await carol.WaitForTexts(group.Id, 1);

        await alice.Connection.InvokeAsync("RemoveMember", group.Id.ToString(), bob.UserId.ToString());

        // Bob learns he was removed, from the log entry and from his own user stream.
        await bob.WaitUntil(c => c.Messages.Any(m => m.ConversationId == group.Id && m.Kind == MessageKind.MemberRemoved && m.SubjectUserId == bob.UserId),
            "the MemberRemoved entry");
        await bob.WaitUntil(_ => removed.Contains(group.Id), "ConversationRemoved");
        var removalSeq = bob.Messages.Single(m => m.ConversationId == group.Id && m.Kind == MessageKind.MemberRemoved).Seq;

        // The others carry on; bob gets nothing after the removal entry.
        await alice.SendAsync(group.Id, "after removal");
        await carol.SendAsync(group.Id, "carol too");
        await carol.WaitForTexts(group.Id, 3);
        await alice.WaitForTexts(group.Id, 3);
        await RoundTrip(bob);
        Assert.Equal(["before removal"], bob.TextsIn(group.Id).Select(m => m.Text));
        Assert.DoesNotContain(bob.Messages, m => m.ConversationId == group.Id && m.Seq > removalSeq);
        Assert.Contains(carol.Messages, m => m.Seq == removalSeq && m.Kind == MessageKind.MemberRemoved);

        // Bob can no longer read or write, and the group left his list.
        var history = await Assert.ThrowsAsync<HubException>(() => History(bob, group.Id));
        HubErrors.AssertCode(ErrorCodes.ConversationNotFound, history);
        var send = await Assert.ThrowsAsync<HubException>(() => bob.SendAsync(group.Id, "let me back"));
        HubErrors.AssertCode(ErrorCodes.ConversationNotFound, send);
        var info = await Assert.ThrowsAsync<HubException>(() => GetConversation(bob, group.Id));
        HubErrors.AssertCode(ErrorCodes.ConversationNotFound, info);
        Assert.DoesNotContain(await Conversations(bob), c => c.ConversationId == group.Id);
        Assert.Equal(0, await fixture.CountRowsWithText("let me back"));

        var members = (await GetConversation(alice, group.Id)).Members.Select(m => m.UserId).ToHashSet();
        Assert.Equal(new[] { alice.UserId, carol.UserId }.Order(), members.Order());
    }

    [Fact]
    public async Task Member_who_left_receives_no_new_messages()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        await using var carol = await Stack.ConnectAsync(GatewayFixture.Handle("carol"));
        await using var dave = await Stack.ConnectAsync(GatewayFixture.Handle("dave"));
        var group = await alice.CreateGroupAsync("Jawatankuasa Sukan", [bob.UserId, carol.UserId, dave.UserId]);
        await SyncAll(alice, bob, carol, dave);
        await alice.Connection.InvokeAsync("SetMemberRole", group.Id.ToString(), dave.UserId.ToString(), MemberRole.Admin);

        await bob.Connection.InvokeAsync("LeaveConversation", group.Id.ToString());
        await bob.WaitUntil(c => c.Messages.Any(m => m.ConversationId == group.Id && m.Kind == MessageKind.MemberLeft && m.SubjectUserId == bob.UserId),
            "his own MemberLeft entry");
        var leftSeq = bob.Messages.Single(m => m.ConversationId == group.Id && m.Kind == MessageKind.MemberLeft).Seq;

        await alice.SendAsync(group.Id, "after bob left");
        await carol.WaitForTexts(group.Id, 1);
        await dave.WaitForTexts(group.Id, 1);
        await RoundTrip(bob);
        Assert.Empty(bob.TextsIn(group.Id));
        Assert.DoesNotContain(bob.Messages, m => m.ConversationId == group.Id && m.Seq > leftSeq);
        HubErrors.AssertCode(ErrorCodes.ConversationNotFound, await Assert.ThrowsAsync<HubException>(() => History(bob, group.Id)));
        HubErrors.AssertCode(ErrorCodes.ConversationNotFound, await Assert.ThrowsAsync<HubException>(() => bob.SendAsync(group.Id, "still here?")));
        Assert.DoesNotContain(await Conversations(bob), c => c.ConversationId == group.Id);

        // The owner leaves: ownership passes on (to the admin, ahead of longer-standing plain members).
        Assert.Equal(MemberRole.Owner, (await GetConversation(carol, group.Id)).Members.Single(m => m.UserId == alice.UserId).Role);
        await alice.Connection.InvokeAsync("LeaveConversation", group.Id.ToString());
        await carol.WaitUntil(c => c.Messages.Any(m => m.ConversationId == group.Id && m.Kind == MessageKind.RoleChanged
            && m.SubjectUserId == dave.UserId && m.Text == nameof(MemberRole.Owner)), "the RoleChanged entry naming the new owner");

        var info = await GetConversation(carol, group.Id);
        Assert.DoesNotContain(info.Members, m => m.UserId == alice.UserId);
        var owner = Assert.Single(info.Members, m => m.Role == MemberRole.Owner);
        Assert.Equal(dave.UserId, owner.UserId);

        // The new owner can manage the group; the old one is out.
        await dave.Connection.InvokeAsync("RenameConversation", group.Id.ToString(), "Jawatankuasa Sukan 2025");
        HubErrors.AssertCode(ErrorCodes.ConversationNotFound, await Assert.ThrowsAsync<HubException>(() => alice.SendAsync(group.Id, "one more thing")));
        await dave.SendAsync(group.Id, "after alice left");
        await carol.WaitForTexts(group.Id, 2);
        await RoundTrip(alice);
        Assert.DoesNotContain(alice.TextsIn(group.Id), m => m.Text == "after alice left");
    }

    [Fact]
    public async Task Added_member_receives_messages_from_when_they_joined()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        await using var carol = await Stack.ConnectAsync(GatewayFixture.Handle("carol"));
        var group = await alice.CreateGroupAsync("Projek MyGov", [bob.UserId]);
        await SyncAll(alice, bob, carol);
        await alice.SendAsync(group.Id, "secret before carol 1");
        await bob.SendAsync(group.Id, "secret before carol 2");
        await bob.WaitForTexts(group.Id, 2);

        var afterAdd = await alice.Connection.InvokeAsync<ConversationInfo>("AddMembers", group.Id.ToString(), new[] { carol.UserId.ToString() });
        var joinedSeq = afterAdd.Members.Single(m => m.UserId == carol.UserId).JoinedSeq;
        Assert.Equal(3 + 1, joinedSeq); // Created, two texts, then MemberAdded

        await carol.WaitUntil(c => c.ConversationsAdded.Contains(group.Id), "ConversationAdded");
        await carol.WaitUntil(c => c.Messages.Any(m => m.ConversationId == group.Id && m.Kind == MessageKind.MemberAdded && m.SubjectUserId == carol.UserId),
            "her own MemberAdded entry");
        await bob.WaitUntil(c => c.Messages.Any(m => m.ConversationId == group.Id && m.Kind == MessageKind.MemberAdded && m.SubjectUserId == carol.UserId),
            "carol's MemberAdded entry");

        await bob.SendAsync(group.Id, "welcome carol");
        await carol.SendAsync(group.Id, "thanks");
        await carol.WaitForTexts(group.Id, 2);
        await alice.WaitForTexts(group.Id, 4);

        Assert.Equal(["welcome carol", "thanks"], carol.TextsIn(group.Id).Select(m => m.Text));
        Assert.All(carol.Messages.Where(m => m.ConversationId == group.Id), m => Assert.True(m.Seq >= joinedSeq, $"carol was pushed seq {m.Seq}"));

        var history = await History(carol, group.Id);
        Assert.Equal(joinedSeq, history[0].Seq);
        Assert.Equal(MessageKind.MemberAdded, history[0].Kind);
        Assert.All(history, m => Assert.True(m.Seq >= joinedSeq));
        Assert.Equal(["welcome carol", "thanks"], history.Where(m => m.Kind == MessageKind.Text).Select(m => m.Text));
        Assert.Empty(await History(carol, group.Id, beforeSeq: joinedSeq));
        Assert.Equal(4, (await History(bob, group.Id, beforeSeq: joinedSeq + 1)).Count);

        var summary = Assert.Single(await Conversations(carol), c => c.ConversationId == group.Id);
        Assert.Equal("Projek MyGov", summary.Name);
        Assert.Equal(1, summary.UnreadCount); // bob's welcome; nothing from before she joined, not her own
    }

    [Fact]
    public async Task Only_admins_manage_members_and_rename()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        await using var carol = await Stack.ConnectAsync(GatewayFixture.Handle("carol"));
        await using var dave = await Stack.ConnectAsync(GatewayFixture.Handle("dave"));
        var group = await alice.CreateGroupAsync("Unit ICT", [bob.UserId, carol.UserId]);
        var id = group.Id.ToString();
        var rowsBefore = await fixture.CountRows(group.Id);

        var add = await Assert.ThrowsAsync<HubException>(() => bob.Connection.InvokeAsync<ConversationInfo>("AddMembers", id, new[] { dave.UserId.ToString() }));
        var remove = await Assert.ThrowsAsync<HubException>(() => bob.Connection.InvokeAsync("RemoveMember", id, carol.UserId.ToString()));
        var rename = await Assert.ThrowsAsync<HubException>(() => bob.Connection.InvokeAsync("RenameConversation", id, "Bob's group"));
        var promote = await Assert.ThrowsAsync<HubException>(() => bob.Connection.InvokeAsync("SetMemberRole", id, bob.UserId.ToString(), MemberRole.Admin));
        HubErrors.AssertCode(ErrorCodes.Forbidden, add);
        HubErrors.AssertCode(ErrorCodes.Forbidden, remove);
        HubErrors.AssertCode(ErrorCodes.Forbidden, rename);
        HubErrors.AssertCode(ErrorCodes.Forbidden, promote);

        var unchanged = await GetConversation(alice, group.Id);
        Assert.Equal("Unit ICT", unchanged.Name);
        Assert.Equal(new[] { alice.UserId, bob.UserId, carol.UserId }.Order(), unchanged.Members.Select(m => m.UserId).Order());
        Assert.Equal(rowsBefore, await fixture.CountRows(group.Id));
        Assert.DoesNotContain(await Conversations(dave), c => c.ConversationId == group.Id);

        // The owner makes bob an admin: now he can add, rename and remove plain members, but not the owner.
        await alice.Connection.InvokeAsync("SetMemberRole", id, bob.UserId.ToString(), MemberRole.Admin);
        var afterAdd = await bob.Connection.InvokeAsync<ConversationInfo>("AddMembers", id, new[] { dave.UserId.ToString() });
        Assert.Contains(afterAdd.Members, m => m.UserId == dave.UserId && m.Role == MemberRole.Member);
        Assert.Equal(MemberRole.Admin, afterAdd.Members.Single(m => m.UserId == bob.UserId).Role);
        Assert.Contains(await Conversations(dave), c => c.ConversationId == group.Id);

        await bob.Connection.InvokeAsync("RenameConversation", id, "Unit ICT & Digital");
        Assert.Equal("Unit ICT & Digital", (await GetConversation(dave, group.Id)).Name);
        Assert.Equal("Unit ICT & Digital", (await Conversations(dave)).Single(c => c.ConversationId == group.Id).Name);

        HubErrors.AssertCode(ErrorCodes.Forbidden, await Assert.ThrowsAsync<HubException>(() =>
            bob.Connection.InvokeAsync("RemoveMember", id, alice.UserId.ToString())));
        HubErrors.AssertCode(ErrorCodes.Forbidden, await Assert.ThrowsAsync<HubException>(() =>
            bob.Connection.InvokeAsync("SetMemberRole", id, carol.UserId.ToString(), MemberRole.Admin)));
        await bob.Connection.InvokeAsync("RemoveMember", id, carol.UserId.ToString());

        var final = await GetConversation(alice, group.Id);
        Assert.Equal(new[] { alice.UserId, bob.UserId, dave.UserId }.Order(), final.Members.Select(m => m.UserId).Order());
        Assert.Equal(MemberRole.Owner, final.Members.Single(m => m.UserId == alice.UserId).Role);
        Assert.Equal(MemberRole.Member, final.Members.Single(m => m.UserId == dave.UserId).Role);
    }

    [Fact]
    public async Task Sender_can_edit_and_delete_own_message()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        var chat = await alice.CreateDirectAsync(bob.UserId);
        await SyncAll(alice, bob);
        var typo = await alice.SendAsync(chat.Id, "Mesyuarat jam 3 ptang");
        var oops = await alice.SendAsync(chat.Id, "wrong chat, sorry");
        var bobs = await bob.SendAsync(chat.Id, "Baik");
        await bob.WaitForTexts(chat.Id, 3);
        var id = chat.Id.ToString();

        var edit = await alice.Connection.InvokeAsync<SendAck>("EditMessage", id, typo.Seq, "Mesyuarat jam 3 petang", Cid());
        var delete = await alice.Connection.InvokeAsync<SendAck>("DeleteMessage", id, oops.Seq, Cid());
        Assert.True(edit.Seq > bobs.Seq);
        Assert.Equal(edit.Seq + 1, delete.Seq);

        await bob.WaitUntil(c => c.Messages.Any(m => m.ConversationId == chat.Id && m.Kind == MessageKind.Delete), "the Delete entry");
        var editEntry = bob.Messages.Single(m => m.ConversationId == chat.Id && m.Kind == MessageKind.Edit);
        Assert.Equal(typo.Seq, editEntry.TargetSeq);
        Assert.Equal(edit.Seq, editEntry.Seq);
        Assert.Equal("Mesyuarat jam 3 petang", editEntry.Text);
        Assert.Equal(alice.UserId, editEntry.SenderId);
        var deleteEntry = bob.Messages.Single(m => m.ConversationId == chat.Id && m.Kind == MessageKind.Delete);
        Assert.Equal(oops.Seq, deleteEntry.TargetSeq);
        Assert.Equal(delete.Seq, deleteEntry.Seq);
        Assert.Null(deleteEntry.Text);

        // Someone else cannot change alice's messages; bad edits are refused; none of that changes anything.
        var notYours = await Assert.ThrowsAsync<HubException>(() => bob.Connection.InvokeAsync<SendAck>("EditMessage", id, typo.Seq, "hacked", Cid()));
        HubErrors.AssertCode(ErrorCodes.Forbidden, notYours);
        var notYoursToDelete = await Assert.ThrowsAsync<HubException>(() => bob.Connection.InvokeAsync<SendAck>("DeleteMessage", id, typo.Seq, Cid()));
        HubErrors.AssertCode(ErrorCodes.Forbidden, notYoursToDelete);
        var tooLong = await Assert.ThrowsAsync<HubException>(() =>
            alice.Connection.InvokeAsync<SendAck>("EditMessage", id, typo.Seq, new string('x', Limits.MaxTextLength + 1), Cid()));
        HubErrors.AssertCode(ErrorCodes.TextTooLong, tooLong);
        var deletedAlready = await Assert.ThrowsAsync<HubException>(() => alice.Connection.InvokeAsync<SendAck>("EditMessage", id, oops.Seq, "undo", Cid()));
        HubErrors.AssertCode(ErrorCodes.MessageNotFound, deletedAlready);
        Assert.Equal(0, await fixture.CountRowsWithText("hacked"));

        var history = await History(bob, chat.Id);
        var edited = history.Single(m => m.Seq == typo.Seq);
        Assert.Equal(MessageKind.Text, edited.Kind);
        Assert.Equal("Mesyuarat jam 3 petang", edited.Text);
        Assert.NotNull(edited.EditedAt);
        Assert.False(edited.Deleted);
        var deleted = history.Single(m => m.Seq == oops.Seq);
        Assert.True(deleted.Deleted);
        Assert.Null(deleted.Text);
        var untouched = history.Single(m => m.Seq == bobs.Seq);
        Assert.Equal("Baik", untouched.Text);
        Assert.Null(untouched.EditedAt);
        Assert.Equal(delete.Seq, history[^1].Seq);
    }

    [Fact]
    public async Task Every_device_of_a_user_receives_messages()
    {
        var bobHandle = GatewayFixture.Handle("bob");
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bobPhone = await Stack.ConnectAsync(bobHandle);
        await using var bobLaptop = await Stack.ConnectAsync(bobHandle);
        Assert.Equal(bobPhone.UserId, bobLaptop.UserId);
        var chat = await alice.CreateDirectAsync(bobPhone.UserId);
        await SyncAll(alice, bobPhone, bobLaptop);

        await alice.SendAsync(chat.Id, "to all of bob");
        await bobPhone.WaitForTexts(chat.Id, 1);
        await bobLaptop.WaitForTexts(chat.Id, 1);

        // What bob sends from one device shows on his other device too.
        await bobPhone.SendAsync(chat.Id, "from bob's phone");
        await alice.WaitForTexts(chat.Id, 2);
        await bobLaptop.WaitForTexts(chat.Id, 2);
        await bobPhone.WaitForTexts(chat.Id, 2);
        Assert.Equal(["to all of bob", "from bob's phone"], bobLaptop.TextsIn(chat.Id).Select(m => m.Text));
        Assert.Equal(["to all of bob", "from bob's phone"], bobPhone.TextsIn(chat.Id).Select(m => m.Text));

        // A conversation started while both are online reaches both devices, with its messages.
        var group = await alice.CreateGroupAsync("Pasukan Audit", [bobPhone.UserId]);
        await bobPhone.WaitUntil(c => c.ConversationsAdded.Contains(group.Id), "ConversationAdded on the phone");
        await bobLaptop.WaitUntil(c => c.ConversationsAdded.Contains(group.Id), "ConversationAdded on the laptop");
        await alice.SendAsync(group.Id, "group hello");
        await bobPhone.WaitForTexts(group.Id, 1);
        await bobLaptop.WaitForTexts(group.Id, 1);

        // Each device gets every entry exactly once.
        foreach (var device in new[] { bobPhone, bobLaptop })
        {
            var seqs = device.Messages.Where(m => m.ConversationId == group.Id).Select(m => m.Seq).ToList();
            Assert.Equal(seqs.Distinct().Count(), seqs.Count);
            var texts = device.TextsIn(chat.Id).Select(m => m.Seq).ToList();
            Assert.Equal(texts.Distinct().Count(), texts.Count);
        }
    }

    [Fact]
    public async Task Conversation_list_shows_last_message_and_unread_count()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        var chat = await alice.CreateDirectAsync(bob.UserId);
        var quiet = await alice.CreateGroupAsync("Kumpulan Senyap", [bob.UserId]);
        for (var i = 1; i <= 3; i++) await alice.SendAsync(chat.Id, $"from alice {i}");
        var last = await bob.SendAsync(chat.Id, "from bob");

        var bobs = (await bob.SyncAsync()).Conversations;
        var summary = bobs.Single(c => c.ConversationId == chat.Id);
        Assert.Equal(ConversationKind.Direct, summary.Kind);
        Assert.Equal(alice.UserId, summary.PeerUserId);
        Assert.Equal(last.Seq, summary.LastSeq);
        Assert.Equal("from bob", summary.LastMessage?.Text);
        Assert.Equal(3, summary.UnreadCount); // alice's three; bob's own does not count
        var quietSummary = bobs.Single(c => c.ConversationId == quiet.Id);
        Assert.Equal("Kumpulan Senyap", quietSummary.Name);
        Assert.Equal(0, quietSummary.UnreadCount);
        Assert.Equal(chat.Id, bobs[0].ConversationId); // most recent activity first

        var alices = await Conversations(alice);
        Assert.Equal(1, alices.Single(c => c.ConversationId == chat.Id).UnreadCount);
        Assert.Equal(bob.UserId, alices.Single(c => c.ConversationId == chat.Id).PeerUserId);

        await bob.Connection.InvokeAsync("MarkRead", chat.Id.ToString(), last.Seq);
        summary = (await Conversations(bob)).Single(c => c.ConversationId == chat.Id);
        Assert.Equal(0, summary.UnreadCount);
        Assert.Equal(last.Seq, summary.ReadSeq);

        await alice.SendAsync(chat.Id, "one more");
        await alice.SendAsync(chat.Id, "and another");
        summary = (await Conversations(bob)).Single(c => c.ConversationId == chat.Id);
        Assert.Equal(2, summary.UnreadCount);
        Assert.Equal("and another", summary.LastMessage?.Text);

        // Reading part of them leaves the rest unread; the list survives a fresh sync.
        await bob.Connection.InvokeAsync("MarkRead", chat.Id.ToString(), last.Seq + 1);
        summary = (await bob.SyncAsync()).Conversations.Single(c => c.ConversationId == chat.Id);
        Assert.Equal(1, summary.UnreadCount);
    }

    [Fact]
    public async Task Read_receipts_reach_the_sender_and_honour_the_setting()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        await using var carol = await Stack.ConnectAsync(GatewayFixture.Handle("carol"));
        var carolSettings = Track<UserSettings>(carol, "SettingsChanged");
        var group = await alice.CreateGroupAsync("Semakan Dokumen", [bob.UserId, carol.UserId]);
        await SyncAll(alice, bob, carol);
        var id = group.Id.ToString();

        // Carol keeps read receipts off.
        var off = await carol.Connection.InvokeAsync<UserSettings>("UpdateSettings", new UserSettings(false));
        Assert.False(off.ReadReceipts);
        await carol.WaitUntil(_ => carolSettings.Any(s => !s.ReadReceipts), "SettingsChanged");
        Assert.False((await carol.Connection.InvokeAsync<UserSettings>("GetSettings")).ReadReceipts);

        var first = await alice.SendAsync(group.Id, "please review");
        await bob.WaitForTexts(group.Id, 1);
        await bob.Connection.InvokeAsync("MarkRead", id, first.Seq);

        // In a group the sender gets counts: bob read it; carol's device has not confirmed it yet.
        await alice.WaitUntil(c => c.CountsFor(group.Id, first.Seq) is { Delivered: 1, Read: 1 }, "bob's read, counted");
        Assert.Equal(2, alice.CountsFor(group.Id, first.Seq)!.Recipients);
        Assert.Equal(first.Seq, (await GetConversation(alice, group.Id)).Members.Single(m => m.UserId == bob.UserId).ReadSeq);
        Assert.All((await GetConversation(carol, group.Id)).Members.Where(m => m.UserId != carol.UserId), m => Assert.Null(m.ReadSeq));

        // Bob turns read receipts off: what he reads from now on is not shown, only that it was delivered.
        await bob.Connection.InvokeAsync<UserSettings>("UpdateSettings", new UserSettings(false));
        var second = await alice.SendAsync(group.Id, "second draft");
        await bob.WaitForTexts(group.Id, 2);
        await bob.Connection.InvokeAsync("MarkRead", id, second.Seq);
        await alice.WaitUntil(c => c.CountsFor(group.Id, second.Seq) is { Delivered: 1 }, "bob's delivery, counted");
        Assert.Equal(0, alice.CountsFor(group.Id, second.Seq)!.Read);
        Assert.Equal(0, alice.CountsFor(group.Id, first.Seq)!.Read); // what he read before is no longer shown either
        Assert.Null((await GetConversation(alice, group.Id)).Members.Single(m => m.UserId == bob.UserId).ReadSeq);

        // Alice still shares hers; bob, the sender now, keeps his off and so sees delivery only.
        var third = await bob.SendAsync(group.Id, "looks good");
        await alice.WaitForTexts(group.Id, 3);
        await alice.Connection.InvokeAsync("MarkRead", id, third.Seq);
        await bob.WaitUntil(c => c.CountsFor(group.Id, third.Seq) is { Delivered: 1 }, "alice's delivery, counted");
        Assert.Null(bob.CountsFor(group.Id, third.Seq)!.Read);
        Assert.All((await GetConversation(carol, group.Id)).Members.Where(m => m.UserId != carol.UserId), m => Assert.Null(m.ReadSeq));

        // Carol sent nothing: after a message that follows the receipts, she has no counts and no one's cursors but her own.
        await alice.SendAsync(group.Id, "marker");
        await carol.WaitForTexts(group.Id, 4);
        Assert.Empty(carol.ReceiptCounts);
        Assert.All(carol.Receipts, r => Assert.Equal(carol.UserId, r.UserId));
    }

    [Fact]
    public async Task Typing_indicator_reaches_others_and_is_never_stored()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        await using var mallory = await Stack.ConnectAsync(GatewayFixture.Handle("mallory"));
        var chat = await alice.CreateDirectAsync(bob.UserId);
        // Nothing is said yet, so the chat is in bob's list only once he opens it himself (issue 14, defect 9).
        await bob.CreateDirectAsync(alice.UserId);
        await SyncAll(alice, bob, mallory);
        var rowsBefore = await fixture.CountRows(chat.Id);
        await Task.WhenAll(alice.SetOpenAsync(chat.Id), bob.SetOpenAsync(chat.Id));
        // Mallory cannot even say she has it open: it is not hers.
        HubErrors.AssertCode(ErrorCodes.ConversationNotFound, await Assert.ThrowsAsync<HubException>(() => mallory.SetOpenAsync(chat.Id)));

        await alice.Connection.InvokeAsync("Typing", chat.Id.ToString(), true);
        await bob.WaitUntil(c => c.TypingSignals.Any(t => t.ConversationId == chat.Id && t.UserId == alice.UserId && t.IsTyping), "alice typing");
        await alice.Connection.InvokeAsync("Typing", chat.Id.ToString(), false);
        await bob.WaitUntil(c => c.TypingSignals.Any(t => t.ConversationId == chat.Id && t.UserId == alice.UserId && !t.IsTyping), "alice stopped typing");

        var outsider = await Assert.ThrowsAsync<HubException>(() => mallory.Connection.InvokeAsync("Typing", chat.Id.ToString(), true));
        HubErrors.AssertCode(ErrorCodes.ConversationNotFound, outsider);

        Assert.Equal(rowsBefore, await fixture.CountRows(chat.Id));

        // A message after the signals: once alice has it, any signal meant for her would have arrived before it.
        await bob.SendAsync(chat.Id, "marker");
        await alice.WaitForTexts(chat.Id, 1);
        Assert.Empty(alice.TypingSignals);
        Assert.Empty(mallory.TypingSignals);
        Assert.DoesNotContain(bob.TypingSignals, t => t.UserId == bob.UserId);
        Assert.Equal(rowsBefore + 1, await fixture.CountRows(chat.Id));
        Assert.Equal(["marker"], (await History(alice, chat.Id)).Where(m => m.Kind == MessageKind.Text).Select(m => m.Text));
    }

    [Fact]
    public async Task Presence_goes_online_and_offline_with_last_seen_across_devices()
    {
        var bobHandle = GatewayFixture.Handle("bob");
        await using var watcher = await Stack.ConnectAsync(GatewayFixture.Handle("watcher"));
        var bobPhone = await Stack.ConnectAsync(bobHandle);
        var bobLaptop = await Stack.ConnectAsync(bobHandle);
        var carol = await Stack.ConnectAsync(GatewayFixture.Handle("carol"));
        try
        {
            await SyncAll(watcher, bobPhone, bobLaptop, carol); // each connection is fully open before anyone looks
            var bobId = bobPhone.UserId;

            // The stream may still hand the watcher the "online" that each connect published just before it
            // watched; after that, every change arrives once and in order.
            IReadOnlyList<PresenceStatus> BobChanges() =>
                [.. watcher.PresenceChanges.Where(p => p.UserId == bobId).Select(p => p.Status).SkipWhile(s => s == PresenceStatus.Online)];

            var now = await watcher.Connection.InvokeAsync<PresenceInfo[]>("WatchPresence", new[] { bobId.ToString(), carol.UserId.ToString() });
            Assert.Equal(PresenceStatus.Online, now.Single(p => p.UserId == bobId).Status);
            Assert.Equal(PresenceStatus.Online, now.Single(p => p.UserId == carol.UserId).Status);

            // Carol's only device closes: she goes offline, with a last-seen time.
            var carolClosing = DateTimeOffset.UtcNow;
            await carol.DisposeAsync();
            await watcher.WaitUntil(c => c.PresenceChanges.Any(p => p.UserId == carol.UserId && p.Status == PresenceStatus.Offline), "carol offline");
            var carolOffline = watcher.PresenceChanges.Single(p => p.UserId == carol.UserId && p.Status == PresenceStatus.Offline);
            Assert.NotNull(carolOffline.LastSeen);
            Assert.InRange(carolOffline.LastSeen!.Value, carolClosing.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(5));

            // One of bob's two devices closes: he stays online. Going away on the other one shows that the
            // first close was counted (only then is bob away rather than online), and that nothing said offline.
            await bobPhone.DisposeAsync();
            var away = await bobLaptop.Connection.InvokeAsync<PresenceInfo>("SetAway", true);
            Assert.NotEqual(PresenceStatus.Offline, away.Status);
            await watcher.WaitUntil(_ => BobChanges().Contains(PresenceStatus.Away), "bob away");
            Assert.Equal([PresenceStatus.Away], BobChanges());
            var back = await bobLaptop.Connection.InvokeAsync<PresenceInfo>("SetAway", false);
            Assert.Equal(PresenceStatus.Online, back.Status);
            Assert.Null(back.LastSeen);
            await watcher.WaitUntil(_ => BobChanges().Count >= 2, "bob online again");
            Assert.Equal([PresenceStatus.Away, PresenceStatus.Online], BobChanges());

            // His last device closes: offline, with a last-seen time.
            var bobClosing = DateTimeOffset.UtcNow;
            await bobLaptop.DisposeAsync();
            await watcher.WaitUntil(c => c.PresenceChanges.Any(p => p.UserId == bobId && p.Status == PresenceStatus.Offline), "bob offline");
            var bobOffline = watcher.PresenceChanges.Single(p => p.UserId == bobId && p.Status == PresenceStatus.Offline);
            Assert.NotNull(bobOffline.LastSeen);
            Assert.InRange(bobOffline.LastSeen!.Value, bobClosing.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(5));
            Assert.Equal([PresenceStatus.Away, PresenceStatus.Online, PresenceStatus.Offline], BobChanges());

            var later = await watcher.Connection.InvokeAsync<PresenceInfo[]>("WatchPresence", new[] { bobId.ToString() });
            Assert.Equal(PresenceStatus.Offline, later[0].Status);
            Assert.Equal(bobOffline.LastSeen, later[0].LastSeen);
        }
        finally
        {
            await bobPhone.DisposeAsync();
            await bobLaptop.DisposeAsync();
            await carol.DisposeAsync();
        }
    }

    [Fact]
    public async Task Group_creation_validates_input()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        var bobId = bob.UserId.ToString();

        var empty = await Assert.ThrowsAsync<HubException>(() => CreateGroup(alice, "", bobId));
        var blank = await Assert.ThrowsAsync<HubException>(() => CreateGroup(alice, "   ", bobId));
        var tooLong = await Assert.ThrowsAsync<HubException>(() => CreateGroup(alice, new string('n', Limits.MaxGroupNameLength + 1), bobId));
        var ghost = await Assert.ThrowsAsync<HubException>(() => CreateGroup(alice, "Ghost group", bobId, Guid.NewGuid().ToString()));
        var malformed = await Assert.ThrowsAsync<HubException>(() => CreateGroup(alice, "Bad ids", "not-a-guid"));
        HubErrors.AssertCode(ErrorCodes.InvalidArgument, empty);
        HubErrors.AssertCode(ErrorCodes.InvalidArgument, blank);
        HubErrors.AssertCode(ErrorCodes.InvalidArgument, tooLong);
        HubErrors.AssertCode(ErrorCodes.UserNotFound, ghost);
        HubErrors.AssertCode(ErrorCodes.InvalidArgument, malformed);

        // Nothing was stored: no log entries by alice, no conversation in anyone's list.
        Assert.Equal(0, await fixture.CountMessages("sender_id = @u", ("u", alice.UserId)));
        Assert.Empty(await Conversations(alice));
        Assert.Empty(await Conversations(bob));

        // The longest valid name is accepted.
        var longest = new string('n', Limits.MaxGroupNameLength);
        var ok = await CreateGroup(alice, longest, bobId);
        Assert.Equal(longest, ok.Name);
        Assert.Equal(ConversationKind.Group, ok.Kind);
        Assert.Equal(1, await fixture.CountMessages("sender_id = @u", ("u", alice.UserId)));
        Assert.Equal([ok.Id], (await Conversations(bob)).Select(c => c.ConversationId));
    }

    private static string Cid() => Guid.NewGuid().ToString("N");

    private static Task SyncAll(params ChatClient[] clients) => Task.WhenAll(clients.Select(c => c.SyncAsync()));

    /// <summary>A hub round trip: pushes the server wrote to this connection before it answers have arrived.</summary>
    private static Task RoundTrip(ChatClient client) => client.Connection.InvokeAsync<UserSettings>("GetSettings");

    private static Task<IReadOnlyList<ChatMessage>> History(ChatClient client, Guid conversationId, long beforeSeq = long.MaxValue, int limit = 100) =>
        client.Connection.InvokeAsync<IReadOnlyList<ChatMessage>>("GetHistory", conversationId.ToString(), beforeSeq, limit);

    private static Task<ConversationInfo> GetConversation(ChatClient client, Guid conversationId) =>
        client.Connection.InvokeAsync<ConversationInfo>("GetConversation", conversationId.ToString());

    private static Task<IReadOnlyList<ConversationSummary>> Conversations(ChatClient client) =>
        client.Connection.InvokeAsync<IReadOnlyList<ConversationSummary>>("GetConversations");

    private static Task<ConversationInfo> CreateGroup(ChatClient client, string name, params string[] memberIds) =>
        client.Connection.InvokeAsync<ConversationInfo>("CreateGroup", name, memberIds);

    /// <summary>Records a push that <see cref="ChatClient"/> does not record itself; wait on it with WaitUntil (it re-checks twice a second).</summary>
    private static ConcurrentQueue<T> Track<T>(ChatClient client, string method)
    {
        var queue = new ConcurrentQueue<T>();
        client.Connection.On<T>(method, queue.Enqueue);
        return queue;
    }
}
