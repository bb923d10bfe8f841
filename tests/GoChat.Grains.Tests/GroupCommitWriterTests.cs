using GoChat.Grains.Storage;
using GoChat.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GoChat.Grains.Tests;

/// <summary>The writer on its own, against a real database: durability, batching and the no-gap rule.</summary>
public sealed class GroupCommitWriterTests : IAsyncLifetime
{
    private NpgsqlDataSource _dataSource = null!;
    private GroupCommitWriter _writer = null!;
    private PostgresMessageLog _log = null!;

    public async Task InitializeAsync()
    {
        var server = await PostgresServer.Shared;
        _dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync("writer"));
        var metrics = new GoChatMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        _writer = new GroupCommitWriter(_dataSource, Options.Create(new MessageLogOptions()), metrics, NullLogger<GroupCommitWriter>.Instance);
        _log = new PostgresMessageLog(_dataSource, _writer);
    }

    public async Task DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    [Fact]
    public async Task After_a_failed_append_later_entries_are_refused_until_the_conversation_reopens()
    {
        var c = Guid.NewGuid();
        await _log.Append(Entry(c, 1));
        await _log.Append(Entry(c, 2));

        var duplicate = _log.Append(Entry(c, 2));
        var after = _log.Append(Entry(c, 3));
        await Assert.ThrowsAsync<MessageLogException>(() => duplicate);
        await Assert.ThrowsAsync<MessageLogException>(() => after);

        _log.Reopen(c);
        await _log.Append(Entry(c, 3));
        Assert.Equal(3, await _log.GetLastSeq(c));
        Assert.Equal([1L, 2L, 3L], (await _log.ReadAfter(c, 0, 10)).Select(m => m.Seq));
    }

    [Fact]
    public async Task A_forgotten_client_id_fills_its_seq_with_a_placeholder_and_nothing_after_it_is_refused()
    {
        var c = Guid.NewGuid();
        var sender = Guid.NewGuid();
        await _log.Append(Entry(c, 1, sender) with { ClientMessageId = "again" });

        var taken = await Assert.ThrowsAsync<ClientMessageIdTakenException>(() => _log.Append(Entry(c, 2, sender, "copy") with { ClientMessageId = "again" }));
        await _log.Append(Entry(c, 3, sender, "next"));

        Assert.Equal(2, taken.Placeholder.Seq);
        var stored = await _log.ReadAfter(c, 0, 10);
        Assert.Equal([1L, 2L, 3L], stored.Select(m => m.Seq));
        Assert.True(stored[1].Deleted);
        Assert.Null(stored[1].Text);
        Assert.Equal(1, (await _log.FindByClientId(c, sender, "again"))!.Seq);
    }

    [Fact]
    public async Task One_conversation_failing_does_not_fail_another_in_the_same_batch()
    {
        var bad = Guid.NewGuid();
        var good = Guid.NewGuid();
        await _log.Append(Entry(bad, 1));

        var tasks = new[] { _log.Append(Entry(bad, 1)), _log.Append(Entry(good, 1)), _log.Append(Entry(good, 2)) };
        await Assert.ThrowsAsync<MessageLogException>(() => tasks[0]);
        await Task.WhenAll(tasks[1], tasks[2]);

        Assert.Equal(2, await _log.GetLastSeq(good));
    }

    [Fact]
    public async Task Edits_and_deletes_rewrite_the_original_row()
    {
        var c = Guid.NewGuid();
        var sender = Guid.NewGuid();
        await _log.Append(Entry(c, 1, sender, "first"));
        await _log.Append(Entry(c, 2, sender, "second"));
        await Task.WhenAll(
            _log.Append(Entry(c, 3, sender, "first, fixed") with { Kind = MessageKind.Edit, TargetSeq = 1 }),
            _log.Append(Entry(c, 4, sender, null) with { Kind = MessageKind.Delete, TargetSeq = 2 }));

        var first = await _log.Get(c, 1);
        var second = await _log.Get(c, 2);
        Assert.Equal("first, fixed", first!.Text);
        Assert.NotNull(first.EditedAt);
        Assert.True(second!.Deleted);
        Assert.Null(second.Text);
    }

    [Theory]
    [InlineData("nul")]
    [InlineData("lone surrogate")]
    [InlineData("edit with nul")]
    public async Task An_entry_whose_text_the_database_refuses_gets_a_placeholder_and_its_batch_neighbours_are_stored(string kind)
    {
        // The validator is bypassed on purpose: this is the last line, should any text get past it.
        var c = Guid.NewGuid();
        var sender = Guid.NewGuid();
        await _log.Append(Entry(c, 1, sender, "original"));
        var bad = kind switch
        {
            "nul" => Entry(c, 3, sender, "a\0b"),
            "lone surrogate" => Entry(c, 3, sender, "a" + '\ud800' + "b"),
            _ => Entry(c, 3, sender, "fixed\0") with { Kind = MessageKind.Edit, TargetSeq = 1 },
        };
        var other = Guid.NewGuid();

        // Queued together: usually one batch that the bad entry fails as a whole; either way none but it may fail.
        var tasks = new[] { _log.Append(Entry(c, 2, sender, "before")), _log.Append(bad), _log.Append(Entry(c, 4, sender, "after")), _log.Append(Entry(other, 1)) };
        var refused = await Assert.ThrowsAsync<InvalidEntryException>(() => tasks[1]);
        await Task.WhenAll(tasks[0], tasks[2], tasks[3]);
        // Nothing refused behind it, and the conversation goes on without reopening.
        await _log.Append(Entry(c, 5, sender, "later"));

        Assert.Equal(3, refused.Placeholder.Seq);
        var stored = await _log.ReadAfter(c, 0, 10);
        Assert.Equal([1L, 2L, 3L, 4L, 5L], stored.Select(m => m.Seq));
        Assert.True(stored[2].Deleted);
        Assert.Null(stored[2].Text);
        Assert.Null(stored[2].ClientMessageId);
        Assert.Equal(MessageKind.Text, stored[2].Kind);
        Assert.Equal("original", stored[0].Text); // a refused edit changed nothing
        Assert.Equal(1, await _log.GetLastSeq(other));
    }

    [Fact]
    public async Task A_database_that_cannot_be_reached_still_fails_the_entry_for_the_conversation_to_start_over()
    {
        var c = Guid.NewGuid();
        await using var unreachable = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Timeout=2;Database=none;Username=none;Password=none");
        var metrics = new GoChatMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        await using var writer = new GroupCommitWriter(unreachable, Options.Create(new MessageLogOptions()), metrics, NullLogger<GroupCommitWriter>.Instance);

        await Assert.ThrowsAsync<MessageLogException>(() => writer.Append(Entry(c, 1, text: "a\0b")));
        await Assert.ThrowsAsync<MessageLogException>(() => writer.Append(Entry(c, 2)));
    }

    private static ChatMessage Entry(Guid conversation, long seq, Guid? sender = null, string? text = "x") =>
        new(conversation, seq, sender ?? Guid.NewGuid(), MessageKind.Text, text, $"m{seq}-{Guid.NewGuid():N}", null, null, null, DateTimeOffset.UtcNow);
}
