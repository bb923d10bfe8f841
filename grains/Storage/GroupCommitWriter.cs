using System.Diagnostics;
using System.Threading.Channels;
using GoChat.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace GoChat.Grains.Storage;

/// <summary>
/// Writes appends in batches: while one transaction commits, the next batch fills, so the commit rate
/// does not cap the message rate. One loop per silo keeps a conversation's entries in the order they came.
/// If an entry fails, later entries of that conversation are refused until the conversation starts over
/// from the seq that failed; that is what keeps the log free of gaps.
/// </summary>
public sealed class GroupCommitWriter : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<GroupCommitWriter> _logger;
    private readonly GoChatMetrics _metrics;
    private readonly int _maxBatch;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<Guid, long> _failedFrom = [];
    private readonly Task _loop;
    private const string ClientIdIndex = "gochat_messages_client_id";

    public GroupCommitWriter(NpgsqlDataSource dataSource, IOptions<MessageLogOptions> options, GoChatMetrics metrics, ILogger<GroupCommitWriter> logger)
    {
        _dataSource = dataSource;
        _logger = logger;
        _metrics = metrics;
        _maxBatch = options.Value.MaxBatchSize;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Batches committed so far; fewer batches than entries is group commit at work.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    private long _commits;

    /// <summary>
    /// A new activation of the conversation starts from what the log holds: forget an earlier failure.
    /// Queued like an entry, so whatever the previous activation queued before it is still refused.
    /// </summary>
    public void Reopen(Guid conversationId) =>
        _queue.Writer.TryWrite(new Pending(null, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), conversationId));

    public Task Append(ChatMessage entry)
    {
        var pending = new Pending(entry, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), entry.ConversationId)
        {
            Trace = Activity.Current?.Context ?? default,
        };
        if (!_queue.Writer.TryWrite(pending))
        {
            pending.Done.SetException(new MessageLogException("The message log is shutting down."));
        }
        return pending.Done.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(_maxBatch);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && reader.TryRead(out var item))
            {
                if (Admit(item)) batch.Add(item);
            }
            if (batch.Count == 0) continue;

            try
            {
                await WriteAsync(batch);
                foreach (var p in batch) p.Done.TrySetResult();
            }
            catch (PostgresException ex)
            {
                // The server refused a row (a duplicate from a second activation, say): isolate it so
                // its neighbours are stored.
                _logger.LogWarning(ex, "Batch of {Count} failed; writing its entries one by one", batch.Count);
                foreach (var p in batch) await WriteAloneAsync(p);
            }
            catch (Exception ex)
            {
                // The database is unreachable: retrying row by row would only stall everything queued behind.
                foreach (var p in batch) Fail(p, ex);
            }
        }
    }

    private bool Admit(Pending item)
    {
        var conversation = item.ConversationId;
        if (item.Entry is null)
        {
            _failedFrom.Remove(conversation);
            item.Done.TrySetResult();
            return false;
        }
        if (_failedFrom.TryGetValue(conversation, out var failedSeq))
        {
            if (item.Entry.Seq > failedSeq)
            {
                item.Done.TrySetException(new MessageLogException($"Conversation {conversation} is restarting from seq {failedSeq}."));
                return false;
            }
            _failedFrom.Remove(conversation);
        }
        return true;
    }

    private async Task WriteAloneAsync(Pending p)
    {
        if (!Admit(p)) return;
        try
        {
            await WriteAsync([p]);
            p.Done.TrySetResult();
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && ex.ConstraintName == ClientIdIndex)
        {
            await WritePlaceholderAsync(p);
        }
        catch (Exception ex)
        {
            Fail(p, ex);
        }
    }

    /// <summary>
    /// A resend older than the conversation's memory reached the unique index: keep its seq filled with an
    /// empty deleted entry, so the log has no gap and nothing after it has to be refused.
    /// </summary>
    private async Task WritePlaceholderAsync(Pending p)
    {
        var placeholder = ClientMessageIdTakenException.PlaceholderFor(p.Entry!);
        try
        {
            await WriteAsync([p with { Entry = placeholder }]);
            p.Done.TrySetException(new ClientMessageIdTakenException(placeholder));
        }
        catch (Exception ex)
        {
            Fail(p, ex);
        }
    }

    private void Fail(Pending p, Exception ex)
    {
        var entry = p.Entry!;
        _failedFrom[entry.ConversationId] = _failedFrom.TryGetValue(entry.ConversationId, out var s) ? Math.Min(s, entry.Seq) : entry.Seq;
        _logger.LogError(ex, "Append of {ConversationId} seq {Seq} failed", entry.ConversationId, entry.Seq);
        p.Done.TrySetException(new MessageLogException("The message could not be stored.", ex));
    }

    private async Task WriteAsync(IReadOnlyList<Pending> batch)
    {
        var started = Stopwatch.GetTimestamp();
        var n = batch.Count;
        // One commit serves many sends: the span links to each send's trace instead of having one parent.
        using var activity = GoChatActivities.Source.StartActivity("messagelog commit", ActivityKind.Internal, parentContext: default,
            links: batch.Where(p => p.Trace != default).Select(p => new ActivityLink(p.Trace)));
        activity?.SetTag("gochat.batch_size", n);
        var conversation = new Guid[n];
        var seq = new long[n];
        var sender = new Guid[n];
        var kind = new short[n];
        var body = new string?[n];
        var clientId = new string?[n];
        var replyTo = new long?[n];
        var target = new long?[n];
        var subject = new Guid?[n];
        var sentAt = new DateTime[n];
        var deleted = new bool[n];
        var changes = new Dictionary<(Guid, long), ChatMessage>();
        for (var i = 0; i < n; i++)
        {
            var e = batch[i].Entry!;
            conversation[i] = e.ConversationId;
            seq[i] = e.Seq;
            sender[i] = e.SenderId;
            kind[i] = (short)e.Kind;
            body[i] = e.Text;
            clientId[i] = e.ClientMessageId;
            replyTo[i] = e.ReplyToSeq;
            target[i] = e.TargetSeq;
            subject[i] = e.SubjectUserId;
            sentAt[i] = e.SentAt.UtcDateTime;
            deleted[i] = e.Deleted;
            if (e.Kind is MessageKind.Edit or MessageKind.Delete && e.TargetSeq is { } t)
            {
                // Several changes to one message in a batch: a delete wins, otherwise the latest edit.
                var key = (e.ConversationId, t);
                if (!changes.TryGetValue(key, out var previous) || previous.Kind != MessageKind.Delete) changes[key] = e;
            }
        }

        // No explicit transaction: a batch goes out with one Sync, so PostgreSQL runs its statements in one
        // implicit transaction that commits (or fails) whole. One round trip per batch instead of three.
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var npgsqlBatch = new NpgsqlBatch(connection);
        var insert = new NpgsqlBatchCommand("""
            INSERT INTO gochat_messages
                (conversation_id, seq, sender_id, kind, body, client_message_id, reply_to_seq, target_seq, subject_user_id, sent_at, deleted)
            SELECT * FROM unnest(@c, @s, @u, @k, @b, @m, @r, @t, @j, @at, @del)
            """);
        insert.Parameters.Add(new NpgsqlParameter("c", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = conversation });
        insert.Parameters.Add(new NpgsqlParameter("s", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = seq });
        insert.Parameters.Add(new NpgsqlParameter("u", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = sender });
        insert.Parameters.Add(new NpgsqlParameter("k", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { Value = kind });
        insert.Parameters.Add(new NpgsqlParameter("b", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = body });
        insert.Parameters.Add(new NpgsqlParameter("m", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = clientId });
        insert.Parameters.Add(new NpgsqlParameter("r", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = replyTo });
        insert.Parameters.Add(new NpgsqlParameter("t", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = target });
        insert.Parameters.Add(new NpgsqlParameter("j", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = subject });
        insert.Parameters.Add(new NpgsqlParameter("at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = sentAt });
        insert.Parameters.Add(new NpgsqlParameter("del", NpgsqlDbType.Array | NpgsqlDbType.Boolean) { Value = deleted });
        npgsqlBatch.BatchCommands.Add(insert);

        if (changes.Count > 0)
        {
            var update = new NpgsqlBatchCommand("""
                UPDATE gochat_messages AS m
                SET body = CASE WHEN u.del THEN NULL ELSE u.body END,
                    edited_at = CASE WHEN u.del THEN m.edited_at ELSE u.at END,
                    deleted = m.deleted OR u.del
                FROM unnest(@c, @t, @b, @d, @at) AS u(c, t, body, del, at)
                WHERE m.conversation_id = u.c AND m.seq = u.t
                """);
            var list = changes.Values.ToList();
            update.Parameters.Add(new NpgsqlParameter("c", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = list.Select(e => e.ConversationId).ToArray() });
            update.Parameters.Add(new NpgsqlParameter("t", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = list.Select(e => e.TargetSeq!.Value).ToArray() });
            update.Parameters.Add(new NpgsqlParameter("b", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = list.Select(e => e.Text).ToArray() });
            update.Parameters.Add(new NpgsqlParameter("d", NpgsqlDbType.Array | NpgsqlDbType.Boolean) { Value = list.Select(e => e.Kind == MessageKind.Delete).ToArray() });
            update.Parameters.Add(new NpgsqlParameter("at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = list.Select(e => e.SentAt.UtcDateTime).ToArray() });
            npgsqlBatch.BatchCommands.Add(update);
        }

        await npgsqlBatch.ExecuteNonQueryAsync();
        Interlocked.Increment(ref _commits);
        _metrics.RecordCommit(n, Stopwatch.GetElapsedTime(started));
    }

    public async ValueTask DisposeAsync()
    {
        // Drain: everything queued before shutdown is still committed or failed, never left hanging.
        _queue.Writer.TryComplete();
        await _loop;
    }

    /// <param name="Entry">Null for a <see cref="Reopen"/> marker.</param>
    private sealed record Pending(ChatMessage? Entry, TaskCompletionSource Done, Guid ConversationId)
    {
        public ActivityContext Trace { get; init; }
    }
}
