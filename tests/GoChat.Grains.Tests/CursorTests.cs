using GoChat.Grains.Storage;
using Npgsql;

namespace GoChat.Grains.Tests;

/// <summary>Cursors in gochat_cursors, written in batches by the silo's CursorWriter; the conversation list read from there.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CursorTests(ClusterFixture fixture)
{
    private IConversationGrain Conversation(Guid id) => fixture.Grains.GetGrain<IConversationGrain>(id);
    private IUserConversationsGrain List(Guid user) => fixture.Grains.GetGrain<IUserConversationsGrain>(user);

    [Fact]
    public async Task Cursor_never_moves_backwards()
    {
        var (a, b, id) = await DirectWithTexts(5);
        await List(b).MarkCursors(id, 6, 5);
        await List(b).MarkCursors(id, 3, 2); // an older device's late report
        var writer = fixture.SiloService<CursorWriter>();
        await writer.FlushAsync();
        Assert.Equal((6L, 5L), await Stored(b, id));

        // Straight to the writer, as a batch replayed after a retry would come: the SQL keeps the greater value.
        writer.Enqueue(b, id, 2, 1);
        await writer.FlushAsync();
        Assert.Equal((6L, 5L), await Stored(b, id));

        // A fresh activation of the conversation loads the cursors from the table.
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var info = await Conversation(id).GetInfo(a);
        var member = info.Members.Single(m => m.UserId == b);
        Assert.Equal(6, member.DeliveredSeq);
        Assert.Equal(5, member.ReadSeq);
    }

    [Fact]
    public async Task Cursor_beyond_the_last_message_is_stored_as_the_last_message()
    {
        var (a, b, id) = await DirectWithTexts(3);
        await List(b).MarkCursors(id, 1_000_000, 1_000_000);
        await fixture.SiloService<CursorWriter>().FlushAsync();
        Assert.Equal((4L, 4L), await Stored(b, id));

        // So the next message still counts as unread.
        await Conversation(id).Send(a, new SendMessageRequest(id, Guid.NewGuid().ToString("N"), "satu lagi"));
        var summary = (await List(b).GetPage(null, 10)).Conversations.Single();
        Assert.Equal(1, summary.UnreadCount);
    }

    [Fact]
    public async Task Unread_count_caps_at_99_plus()
    {
        var (a, b, id) = await DirectWithTexts(120);
        var summary = Assert.Single((await List(b).GetPage(null, 10)).Conversations);
        Assert.Equal(Limits.UnreadCountCap, summary.UnreadCount);
        Assert.Equal(121, summary.LastSeq);

        await List(b).MarkCursors(id, 121, 111);
        summary = Assert.Single((await List(b).GetPage(null, 10)).Conversations);
        Assert.Equal(10, summary.UnreadCount); // read up to 111: the ten after it, counted from the table at once
        Assert.Equal(0, Assert.Single((await List(a).GetPage(null, 10)).Conversations).UnreadCount); // one's own messages never count
    }

    [Fact]
    public async Task Conversation_list_pages_newest_first_without_gaps_or_repeats()
    {
        var users = await fixture.Users(2);
        var (owner, me) = (users[0], users[1]);
        var groups = new List<Guid>();
        for (var i = 0; i < 23; i++)
        {
            var id = Guid.NewGuid();
            await Conversation(id).CreateGroup(owner, $"Kumpulan {i}", [me]);
            groups.Add(id);
        }
        // Activity in an order unlike creation: every third group speaks last.
        foreach (var id in groups.Where((_, i) => i % 3 == 0)) await Conversation(id).Send(owner, new SendMessageRequest(id, "k", "baru"));

        var seen = new List<ConversationSummary>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await List(me).GetPage(cursor, 5);
            Assert.True(page.Conversations.Count <= 5);
            seen.AddRange(page.Conversations);
            cursor = page.NextCursor;
            pages++;
        } while (cursor is not null);

        Assert.Equal(5, pages);
        Assert.Equal(groups.Order(), seen.Select(s => s.ConversationId).Order()); // each once
        var activity = seen.Select(s => s.LastMessage!.SentAt).ToList();
        Assert.Equal(activity.OrderDescending(), activity);
        Assert.All(seen.Take(8), s => Assert.Equal("baru", s.LastMessage!.Text)); // the eight that spoke last come first
        await Assert.ThrowsAsync<GoChatException>(() => List(me).GetPage("not-a-cursor", 5));
    }

    [Fact]
    public async Task Read_receipts_setting_is_one_update_for_every_conversation()
    {
        var users = await fixture.Users(3);
        var groups = new[] { Guid.NewGuid(), Guid.NewGuid() };
        foreach (var g in groups) await Conversation(g).CreateGroup(users[0], "Tetapan", [users[1], users[2]]);
        var user = fixture.Grains.GetGrain<IProfileGrain>(users[1]);
        await user.UpdateSettings(await user.GetSettings() with { ReadReceipts = false });

        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT bool_or(shares_read), count(*) FROM gochat_cursors WHERE user_id = @u", connection);
        cmd.Parameters.AddWithValue("u", users[1]);
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.False(reader.GetBoolean(0));
        Assert.Equal(2, reader.GetInt64(1));
    }

    private async Task<(Guid A, Guid B, Guid Id)> DirectWithTexts(int count)
    {
        var users = await fixture.Users(2);
        var (a, b) = (users[0], users[1]);
        var id = (await Conversation(ConversationIds.Direct(a, b)).CreateDirect(a, b)).Id;
        for (var i = 0; i < count; i++) await Conversation(id).Send(a, new SendMessageRequest(id, $"t{i}", $"mesej {i}"));
        return (a, b, id);
    }

    private async Task<(long Delivered, long Read)> Stored(Guid user, Guid conversation)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT delivered_seq, read_seq FROM gochat_cursors WHERE user_id = @u AND conversation_id = @c", connection);
        cmd.Parameters.AddWithValue("u", user);
        cmd.Parameters.AddWithValue("c", conversation);
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "no cursor row");
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
