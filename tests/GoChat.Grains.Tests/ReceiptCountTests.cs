using System.Collections.Concurrent;
using GoChat.GrainInterfaces.Events;

namespace GoChat.Grains.Tests;

/// <summary>A group's receipts as counts for the sender (ReceiptTally), seen through a subscribed observer as a gateway sees them.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ReceiptCountTests(ClusterFixture fixture)
{
    private IConversationGrain Conversation(Guid id) => fixture.Grains.GetGrain<IConversationGrain>(id);

    private IUserConversationsGrain List(Guid user) => fixture.Grains.GetGrain<IUserConversationsGrain>(user);

    [Fact]
    public async Task A_members_cursor_move_counts_once_per_message_and_only_for_the_sender()
    {
        var (id, users) = await Group(4);
        var (alice, bob, carol) = (users[0], users[1], users[2]);
        var recorder = await Subscribe(id);
        var first = await Send(id, alice, "satu");
        var second = await Send(id, alice, "dua");
        var bobs = await Send(id, bob, "daripada bob");

        await Conversation(id).UpdateCursors(bob, second.Seq, first.Seq, true);
        await recorder.WaitFor(alice, second.Seq, c => c.Delivered == 1);
        // The same cursors again, and a read that stays behind delivered, change nothing; moving on counts once more.
        await Conversation(id).UpdateCursors(bob, second.Seq, first.Seq, true);
        await Conversation(id).UpdateCursors(bob, bobs.Seq, second.Seq, true);
        await Conversation(id).UpdateCursors(carol, bobs.Seq, bobs.Seq, true);
        await recorder.WaitFor(alice, second.Seq, c => c.Delivered == 2 && c.Read == 2);

        Assert.Equal(new MessageReceiptCount(first.Seq, 3, 2, 2), recorder.Latest(alice, first.Seq));
        Assert.Equal(new MessageReceiptCount(second.Seq, 3, 2, 2), recorder.Latest(alice, second.Seq));
        // Bob's own message: carol's read counts for bob, bob's own cursor for nobody.
        await recorder.WaitFor(bob, bobs.Seq, c => c.Read == 1);
        Assert.Equal(new MessageReceiptCount(bobs.Seq, 3, 1, 1), recorder.Latest(bob, bobs.Seq));
        // Counts concern the sender only: alice's messages never appear under anyone else, nor bob's under alice.
        Assert.All(recorder.Counts, c => Assert.All(c.Messages, m => Assert.Equal(m.Seq == bobs.Seq ? bob : alice, c.SenderId)));
        // Each member's own cursors are there for their other devices.
        Assert.Contains(recorder.OwnCursors, r => r.UserId == carol && r.ReadSeq == bobs.Seq);
    }

    [Fact]
    public async Task A_member_who_keeps_read_receipts_off_counts_as_delivered_only()
    {
        var (id, users) = await Group(3);
        var (alice, bob, carol) = (users[0], users[1], users[2]);
        var recorder = await Subscribe(id);
        var message = await Send(id, alice, "sila baca");

        await Conversation(id).UpdateCursors(carol, message.Seq, message.Seq, sharesReadReceipts: false);
        await Conversation(id).UpdateCursors(bob, message.Seq, message.Seq, true);
        await recorder.WaitFor(alice, message.Seq, c => c.Delivered == 2);

        Assert.Equal(new MessageReceiptCount(message.Seq, 2, 2, 1), recorder.Latest(alice, message.Seq));
        var who = await Conversation(id).GetReceipts(alice, message.Seq);
        Assert.Equal([bob], who.ReadBy);
        Assert.Equal([carol], who.DeliveredTo);
        Assert.Empty(who.Pending);

        // Bob turns his off too: what he read is no longer shown.
        await Conversation(id).UpdateCursors(bob, message.Seq, message.Seq, sharesReadReceipts: false);
        await recorder.WaitFor(alice, message.Seq, c => c.Read == 0);
        Assert.Equal(2, recorder.Latest(alice, message.Seq)!.Delivered);
    }

    [Fact]
    public async Task A_sender_who_keeps_read_receipts_off_sees_delivered_counts_only()
    {
        var (id, users) = await Group(2);
        var (alice, bob) = (users[0], users[1]);
        var recorder = await Subscribe(id);
        await Conversation(id).UpdateCursors(alice, 1, 1, sharesReadReceipts: false);
        var message = await Send(id, alice, "tanpa resit");

        await Conversation(id).UpdateCursors(bob, message.Seq, message.Seq, true);
        await recorder.WaitFor(alice, message.Seq, c => c.Delivered == 1);

        Assert.Null(recorder.Latest(alice, message.Seq)!.Read);
        var who = await Conversation(id).GetReceipts(alice, message.Seq);
        Assert.Empty(who.ReadBy);
        Assert.Equal([bob], who.DeliveredTo);
    }

    [Fact]
    public async Task Counts_are_rebuilt_from_the_cursors_after_the_conversation_reactivates()
    {
        var (id, users) = await Group(4);
        var (alice, bob, carol, dave) = (users[0], users[1], users[2], users[3]);
        var message = await Send(id, alice, "sebelum");
        // Through the members' lists, as the hub does: they store the cursors the next activation loads.
        await List(bob).MarkCursors(id, message.Seq, message.Seq);
        await List(carol).MarkCursors(id, message.Seq, 0);
        // A list query stores its pending cursor moves first.
        await List(bob).GetPage(null, 10);
        await List(carol).GetPage(null, 10);

        await fixture.Cluster.DeactivateAsync(Conversation(id));
        var recorder = await Subscribe(id);
        await Conversation(id).UpdateCursors(dave, message.Seq, message.Seq, true);

        await recorder.WaitFor(alice, message.Seq, c => c.Delivered == 3);
        Assert.Equal(new MessageReceiptCount(message.Seq, 3, 3, 2), recorder.Latest(alice, message.Seq));
    }

    [Fact]
    public async Task Only_the_sender_may_list_who_read_and_a_member_who_left_no_longer_counts()
    {
        var (id, users) = await Group(3);
        var (alice, bob, carol) = (users[0], users[1], users[2]);
        var recorder = await Subscribe(id);
        var message = await Send(id, alice, "siapa baca");
        await Conversation(id).UpdateCursors(bob, message.Seq, message.Seq, true);

        Assert.Equal(ErrorCodes.Forbidden, (await Assert.ThrowsAsync<GoChatException>(() => Conversation(id).GetReceipts(bob, message.Seq))).Code);
        Assert.Equal(ErrorCodes.MessageNotFound, (await Assert.ThrowsAsync<GoChatException>(() => Conversation(id).GetReceipts(alice, message.Seq + 50))).Code);
        Assert.Equal(ErrorCodes.ConversationNotFound, (await Assert.ThrowsAsync<GoChatException>(() => Conversation(id).GetReceipts(Guid.NewGuid(), message.Seq))).Code);
        var who = await Conversation(id).GetReceipts(alice, message.Seq);
        Assert.Equal([bob], who.ReadBy);
        Assert.Equal([carol], who.Pending);

        await Conversation(id).Leave(bob);
        await recorder.WaitFor(alice, message.Seq, c => c.Recipients == 1);
        Assert.Equal(new MessageReceiptCount(message.Seq, 1, 0, 0), recorder.Latest(alice, message.Seq));
    }

    [Fact]
    public async Task A_big_groups_receipts_count_everyone_and_name_at_most_a_few_hundred()
    {
        var (id, users) = await Group(Limits.MaxReceiptNames + 4);
        var alice = users[0];
        var recorder = await Subscribe(id);
        var message = await Send(id, alice, "kepada semua");
        await Conversation(id).UpdateCursors(users[1], message.Seq, message.Seq, true);
        await Conversation(id).UpdateCursors(users[2], message.Seq, 0, true);
        await recorder.WaitFor(alice, message.Seq, c => c.Delivered == 2);

        var who = await Conversation(id).GetReceipts(alice, message.Seq);

        Assert.Equal((1, 1, Limits.MaxReceiptNames + 1), (who.ReadCount, who.DeliveredCount, who.PendingCount));
        Assert.Equal([users[1]], who.ReadBy);
        Assert.Equal([users[2]], who.DeliveredTo);
        Assert.Equal(Limits.MaxReceiptNames, who.Pending.Count);
        Assert.Subset(users[3..].ToHashSet(), who.Pending.ToHashSet());
    }

    private async Task<(Guid Id, Guid[] Users)> Group(int size)
    {
        var users = await fixture.Users(size);
        var id = Guid.NewGuid();
        await Conversation(id).CreateGroup(users[0], "Resit", users[1..]);
        return (id, users);
    }

    private Task<SendAck> Send(Guid id, Guid sender, string text) =>
        Conversation(id).Send(sender, new SendMessageRequest(id, Guid.NewGuid().ToString("N"), text));

    private async Task<Recorder> Subscribe(Guid id)
    {
        var recorder = new Recorder();
        await Conversation(id).Subscribe(fixture.Grains.CreateObjectReference<IConversationObserver>(recorder));
        return recorder;
    }

    private sealed class Recorder : IConversationObserver
    {
        private readonly ConcurrentQueue<ReceiptBatch> _batches = new();
        private readonly SemaphoreSlim _changed = new(0);

        public IReadOnlyList<ReceiptCounts> Counts => [.. _batches.SelectMany(b => b.Counts)];
        public IReadOnlyList<Receipt> OwnCursors => [.. _batches.SelectMany(b => b.OwnCursors)];

        public MessageReceiptCount? Latest(Guid sender, long seq) =>
            Counts.Where(c => c.SenderId == sender).SelectMany(c => c.Messages).LastOrDefault(m => m.Seq == seq);

        public Task OnEvent(Guid conversationId, ConversationEvent evt)
        {
            if (evt.Receipts is { } batch) _batches.Enqueue(batch);
            _changed.Release();
            return Task.CompletedTask;
        }

        public Task OnUnsubscribed(Guid conversationId) => Task.CompletedTask;

        public async Task WaitFor(Guid sender, long seq, Func<MessageReceiptCount, bool> condition)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (Latest(sender, seq) is not { } latest || !condition(latest))
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !await _changed.WaitAsync(left)) throw new TimeoutException($"No counts as expected for {seq}; last: {Latest(sender, seq)}.");
            }
        }
    }
}
