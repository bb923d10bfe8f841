using GoChat.Grains.Storage;
using Npgsql;

namespace GoChat.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ConversationGrainTests(ClusterFixture fixture)
{
    private IConversationGrain Conversation(Guid id) => fixture.Grains.GetGrain<IConversationGrain>(id);

    [Fact]
    public async Task Concurrent_sends_get_gap_free_seqs_without_duplicates_and_share_commits()
    {
        var members = await fixture.Users(20);
        var id = Guid.NewGuid();
        await Conversation(id).CreateGroup(members[0], "Busy group", members[1..]);
        var writer = fixture.SiloService<GroupCommitWriter>();
        var commitsBefore = writer.Commits;

        var acks = await Task.WhenAll(members.SelectMany(m => Enumerable.Range(0, 100).Select(i =>
            Conversation(id).Send(m, new SendMessageRequest(id, $"{m:N}-{i}", $"message {i}")))));

        var seqs = acks.Select(a => a.Seq).Order().ToList();
        Assert.Equal(Enumerable.Range(2, 2000).Select(i => (long)i), seqs);
        Assert.All(acks, a => Assert.False(a.Duplicate));
        var stored = await StoredSeqs(id);
        Assert.Equal(Enumerable.Range(1, 2001).Select(i => (long)i), stored);
        Assert.True(writer.Commits - commitsBefore < 2000, $"{writer.Commits - commitsBefore} commits for 2000 messages: no group commit");
    }

    [Fact]
    public async Task A_resend_racing_the_original_gets_the_same_seq()
    {
        var (a, b) = await Pair();
        var id = (await Conversation(ConversationIds.Direct(a, b)).CreateDirect(a, b)).Id;

        var both = await Task.WhenAll(
            Conversation(id).Send(a, new SendMessageRequest(id, "same", "hello")),
            Conversation(id).Send(a, new SendMessageRequest(id, "same", "hello")));

        Assert.Equal(both[0].Seq, both[1].Seq);
        Assert.Equal(1, both.Count(x => x.Duplicate));
        Assert.Equal([1L, 2L], await StoredSeqs(id));
    }

    [Fact]
    public async Task Resends_are_recognised_after_the_conversation_reactivates()
    {
        var (a, b) = await Pair();
        var id = (await Conversation(ConversationIds.Direct(a, b)).CreateDirect(a, b)).Id;
        var first = await Conversation(id).Send(a, new SendMessageRequest(id, "c-1", "hello"));

        await fixture.Cluster.DeactivateAsync(Conversation(id));
        var again = await Conversation(id).Send(a, new SendMessageRequest(id, "c-1", "hello"));

        Assert.True(again.Duplicate);
        Assert.Equal(first.Seq, again.Seq);
        Assert.Equal([1L, 2L], await StoredSeqs(id));
    }

    [Fact]
    public async Task Direct_conversation_id_must_belong_to_the_pair()
    {
        var (a, b) = await Pair();

        var error = await Assert.ThrowsAsync<GoChatException>(() => Conversation(Guid.NewGuid()).CreateDirect(a, b));

        Assert.Equal(ErrorCodes.InvalidArgument, error.Code);
    }

    [Fact]
    public async Task Plain_member_cannot_manage_the_group_and_nothing_changes()
    {
        var users = await fixture.Users(3);
        var id = Guid.NewGuid();
        await Conversation(id).CreateGroup(users[0], "Team", [users[1]]);

        var add = await Assert.ThrowsAsync<GoChatException>(() => Conversation(id).AddMembers(users[1], [users[2]]));
        var rename = await Assert.ThrowsAsync<GoChatException>(() => Conversation(id).Rename(users[1], "Mine now"));

        Assert.Equal(ErrorCodes.Forbidden, add.Code);
        Assert.Equal(ErrorCodes.Forbidden, rename.Code);
        var info = await Conversation(id).GetInfo(users[0]);
        Assert.Equal("Team", info.Name);
        Assert.Equal(2, info.Members.Count);
        Assert.Equal(1, info.LastSeq);
    }

    [Fact]
    public async Task Reply_to_a_message_that_does_not_exist_is_refused()
    {
        var (a, b) = await Pair();
        var id = (await Conversation(ConversationIds.Direct(a, b)).CreateDirect(a, b)).Id;

        var error = await Assert.ThrowsAsync<GoChatException>(() => Conversation(id).Send(a, new SendMessageRequest(id, "r", "hi", ReplyToSeq: 99)));

        Assert.Equal(ErrorCodes.MessageNotFound, error.Code);
        Assert.Equal([1L], await StoredSeqs(id));
    }

    private async Task<(Guid, Guid)> Pair()
    {
        var users = await fixture.Users(2);
        return (users[0], users[1]);
    }

    private async Task<List<long>> StoredSeqs(Guid conversationId)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT seq FROM gochat_messages WHERE conversation_id = @c ORDER BY seq", connection);
        cmd.Parameters.AddWithValue("c", conversationId);
        var seqs = new List<long>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) seqs.Add(reader.GetInt64(0));
        return seqs;
    }
}
