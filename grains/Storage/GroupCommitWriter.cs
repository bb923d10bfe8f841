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
        // The send's trace reaches the database here: this span lasts from the hand-over to the commit.
        var span = GoChatActivities.StartDetached(GoChatActivities.Append);
        if (span is not null)
        {
            // Ids belong on spans (one trace, found by message), never on metrics.
            span.SetTag("gochat.conversation.id", entry.ConversationId.ToString());
            span.SetTag("gochat.message.seq", entry.Seq);
        }
        var pending = new Pending(entry, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), entry.ConversationId) { Span = span };
        if (!_queue.Writer.TryWrite(pending))
        {
            pending.Finish(new MessageLogException("The message log is shutting down."));
        }
        return pending.Done.Task;
    }

    private async Task RunAsync()
    {
        // The loop inherited the context of whoever built the writer; its spans are parented per batch instead.
        Activity.Current = null;
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
                var commit = await WriteAsync(batch);
                foreach (var p in batch) p.Finish(null, commit);
            }
            catch (Exception ex) when (ex is PostgresException || IsEntryFault(ex))
            {
                // The server refused a row (a duplicate from a second activation, text it cannot hold), or a row
                // could not be encoded: isolate it so its neighbours are stored.
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
            item.Finish(null);
            return false;
        }
        if (_failedFrom.TryGetValue(conversation, out var failedSeq))
        {
            if (item.Entry.Seq > failedSeq)
            {
                _metrics.AppendFailed();
                item.Finish(new MessageLogException($"Conversation {conversation} is restarting from seq {failedSeq}."));
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
            var commit = await WriteAsync([p]);
            p.Finish(null, commit);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && ex.ConstraintName == ClientIdIndex)
        {
            await WritePlaceholderAsync(p, placeholder => new ClientMessageIdTakenException(placeholder));
        }
        catch (Exception ex) when (IsEntryFault(ex))
        {
            _logger.LogWarning("Append of {ConversationId} seq {Seq} refused for its data ({Error}); its seq holds a placeholder",
                p.Entry!.ConversationId, p.Entry.Seq, ex is PostgresException pg ? pg.SqlState : ex.GetType().Name);
            await WritePlaceholderAsync(p, placeholder => new InvalidEntryException(placeholder, ex));
        }
        catch (Exception ex)
        {
            Fail(p, ex);
        }
    }

    /// <summary>
    /// The entry cannot be stored as it is (a resend older than the conversation's memory reached the unique
    /// index, or its data was refused): keep its seq filled with an empty deleted entry, so the log has no gap
    /// and nothing after it has to be refused.
    /// </summary>
    private async Task WritePlaceholderAsync(Pending p, Func<ChatMessage, EntryReplacedException> answer)
    {
        var placeholder = EntryReplacedException.PlaceholderFor(p.Entry!);
        try
        {
            var commit = await WriteAsync([p with { Entry = placeholder }]);
            p.Finish(answer(placeholder), commit);
        }
        catch (Exception ex)
        {
            Fail(p, ex);
        }
    }

    /// <summary>
    /// Whether the entry's own data is at fault, so that writing it again can never succeed: PostgreSQL's data
    /// exceptions (SQLSTATE class 22, e.g. 22021 a NUL byte, 22P05 an untranslatable character), or text Npgsql
    /// could not encode as UTF-8 (a lone surrogate). Anything else is the database's or the network's.
    /// </summary>
    private static bool IsEntryFault(Exception ex) => ex switch
    {
        PostgresException pg => pg.SqlState.StartsWith("22", StringComparison.Ordinal),
        System.Text.EncoderFallbackException => true,
        _ => ex.InnerException is { } inner && IsEntryFault(inner),
    };

    private void Fail(Pending p, Exception ex)
    {
        var entry = p.Entry!;
        _failedFrom[entry.ConversationId] = _failedFrom.TryGetValue(entry.ConversationId, out var s) ? Math.Min(s, entry.Seq) : entry.Seq;
        _logger.LogError(ex, "Append of {ConversationId} seq {Seq} failed", entry.ConversationId, entry.Seq);
        _metrics.AppendFailed();
        p.Finish(new MessageLogException("The message could not be stored.", ex));
    }

    /// <returns>The commit span's context, for the appends' links back to it; default when not traced.</returns>
    private async Task<ActivityContext> WriteAsync(IReadOnlyList<Pending> batch)
    {
        var started = Stopwatch.GetTimestamp();
        var n = batch.Count;
        using var activity = StartCommitSpan(batch);
        try
        {
            await WriteRowsAsync(batch);
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
        Interlocked.Increment(ref _commits);
        _metrics.RecordCommit(n, Stopwatch.GetElapsedTime(started));
        return activity?.Context ?? default;
    }

    /// <summary>
    /// One commit serves many sends, so it cannot have each of them as parent: it is the child of the first
    /// traced append in the batch (whose trace thereby shows the real statement) and links to the others,
    /// which link back when they end. A batch that no traced send rode in gets no span of its own.
    /// </summary>
    private static Activity? StartCommitSpan(IReadOnlyList<Pending> batch)
    {
        if (!GoChatActivities.Source.HasListeners()) return null;
        Activity? parent = null;
        List<ActivityLink>? links = null;
        foreach (var p in batch)
        {
            if (p.Span is null) continue;
            if (parent is null) parent = p.Span;
            else (links ??= []).Add(new ActivityLink(p.Span.Context));
        }
        if (parent is null) return null;
        var activity = GoChatActivities.Source.StartActivity(GoChatActivities.Commit, ActivityKind.Internal, parent.Context, links: links);
        activity?.SetTag("db.system.name", "postgresql");
        activity?.SetTag("db.collection.name", "gochat_messages");
        activity?.SetTag("gochat.storage.batch.size", batch.Count);
        return activity;
    }

    private async Task WriteRowsAsync(IReadOnlyList<Pending> batch)
    {
        var n = batch.Count;
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
        var forwarded = new bool[n];
        // A jagged uuid[][] cannot be unnested: each row's mentions go as an array literal and are cast back.
        var mentions = new string?[n];
        var attachments = new string?[n];
        var broadcasts = new string?[n];
        var refs = new List<(Guid Blob, Guid Conversation, long Seq)>();
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
            forwarded[i] = e.Forwarded;
            mentions[i] = e.Mentions is { Count: > 0 } ids ? "{" + string.Join(",", ids) + "}" : null;
            if (e.Attachments is { Count: > 0 } files)
            {
                attachments[i] = AttachmentJson.Write(files);
                foreach (var blob in files.Select(f => f.BlobId).Distinct()) refs.Add((blob, e.ConversationId, e.Seq));
            }
            if (e.Broadcast is { } seal) broadcasts[i] = BroadcastJson.Write(seal);
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
                (conversation_id, seq, sender_id, kind, body, client_message_id, reply_to_seq, target_seq, subject_user_id, sent_at, deleted, forwarded, mentions, attachments, broadcast)
            SELECT c, s, u, k, b, m, r, t, j, at, del, fw, mn::uuid[], fa::jsonb, bc::jsonb
            FROM unnest(@c, @s, @u, @k, @b, @m, @r, @t, @j, @at, @del, @fw, @mn, @fa, @bc) AS x(c, s, u, k, b, m, r, t, j, at, del, fw, mn, fa, bc)
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
        insert.Parameters.Add(new NpgsqlParameter("fw", NpgsqlDbType.Array | NpgsqlDbType.Boolean) { Value = forwarded });
        insert.Parameters.Add(new NpgsqlParameter("mn", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = mentions });
        insert.Parameters.Add(new NpgsqlParameter("fa", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = attachments });
        insert.Parameters.Add(new NpgsqlParameter("bc", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = broadcasts });
        npgsqlBatch.BatchCommands.Add(insert);

        if (refs.Count > 0)
        {
            // In the message's own transaction: a blob is held from the moment the message exists, never a moment later.
            var hold = new NpgsqlBatchCommand("INSERT INTO gochat_blob_refs (blob_id, conversation_id, seq) SELECT * FROM unnest(@b, @c, @s)");
            hold.Parameters.Add(new NpgsqlParameter("b", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = refs.Select(r => r.Blob).ToArray() });
            hold.Parameters.Add(new NpgsqlParameter("c", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = refs.Select(r => r.Conversation).ToArray() });
            hold.Parameters.Add(new NpgsqlParameter("s", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = refs.Select(r => r.Seq).ToArray() });
            npgsqlBatch.BatchCommands.Add(hold);
        }

        if (changes.Count > 0)
        {
            var update = new NpgsqlBatchCommand("""
                UPDATE gochat_messages AS m
                SET body = CASE WHEN u.del THEN NULL ELSE u.body END,
                    edited_at = CASE WHEN u.del THEN m.edited_at ELSE u.at END,
                    deleted = m.deleted OR u.del,
                    attachments = CASE WHEN u.del THEN NULL ELSE m.attachments END
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

            var deletes = list.Where(e => e.Kind == MessageKind.Delete).ToList();
            if (deletes.Count > 0)
            {
                // A deleted message lets go of its files (and their bytes go once nothing else holds them), like its text.
                var release = new NpgsqlBatchCommand("""
                    DELETE FROM gochat_blob_refs AS r USING unnest(@c, @t) AS d(c, t) WHERE r.conversation_id = d.c AND r.seq = d.t
                    """);
                release.Parameters.Add(new NpgsqlParameter("c", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = deletes.Select(e => e.ConversationId).ToArray() });
                release.Parameters.Add(new NpgsqlParameter("t", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = deletes.Select(e => e.TargetSeq!.Value).ToArray() });
                npgsqlBatch.BatchCommands.Add(release);
            }
        }

        var texts = batch.Select(p => p.Entry!).Where(e => e.Kind is MessageKind.Text or MessageKind.Edit && e.Text is not null).Select(e => e.Text).ToArray();
        if (texts.Length > 0) npgsqlBatch.BatchCommands.Add(Search.SearchWordList.InsertCommand(texts));

        await npgsqlBatch.ExecuteNonQueryAsync();
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
        /// <summary>The "message_log.append" span; null unless the send was traced.</summary>
        public Activity? Span { get; init; }

        /// <summary>Answers the appender and ends the span, linked to the commit that stored the entry.</summary>
        public void Finish(Exception? error, ActivityContext commit = default)
        {
            if (Span is { } span)
            {
                if (commit != default) span.AddLink(new ActivityLink(commit));
                if (error is MessageLogException) span.SetStatus(ActivityStatusCode.Error, error.Message);
                GoChatActivities.StopDetached(span);
            }
            if (error is null) Done.TrySetResult();
            else Done.TrySetException(error);
        }
    }
}
