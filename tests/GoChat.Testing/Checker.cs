using GoChat.GrainInterfaces.Models;
using System.Collections.Concurrent;
using Npgsql;

namespace GoChat.Testing;

/// <summary>
/// Records every ack and every delivery of a load run and reports what was lost (acked but never delivered to the
/// recipient, or not in the log) and what was duplicated (a seq delivered twice to one user, or one client message
/// id stored at two seqs), and how long delivery took to resume after a fault.
/// </summary>
public sealed class Checker
{
    private readonly ConcurrentDictionary<string, Ack> _acks = new();
    private readonly ConcurrentDictionary<string, DateTime> _firstAttempt = new();
    private readonly ConcurrentDictionary<(Guid User, Guid Conversation, long Seq), int> _deliveries = new();
    private readonly ConcurrentDictionary<(Guid User, Guid Conversation, long Seq), DateTime> _deliveredAt = new();
    private readonly ConcurrentDictionary<(Guid User, string ClientId), ConcurrentBag<long>> _seqsOfClientId = new();
    private readonly ConcurrentQueue<string> _hubErrors = new();
    private readonly ConcurrentQueue<string> _interrupted = new();
    private int _reconnects;

    public IReadOnlyCollection<string> HubErrors => [.. _hubErrors];
    public IReadOnlyCollection<string> InterruptedInvocations => [.. _interrupted];
    public int Reconnects => _reconnects;
    public int AckCount => _acks.Count;

    public void Attempting(string clientId) => _firstAttempt.TryAdd(clientId, DateTime.UtcNow);

    public void Acked(string clientId, Guid recipient, SendAck ack) => _acks.TryAdd(clientId, new Ack(recipient, ack.ConversationId, ack.Seq, DateTime.UtcNow));

    public void HubError(string who, string message) => _hubErrors.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {who}: {message}");

    public void Interrupted(string who, string message) => _interrupted.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {who}: {message}");

    public void Reconnected(string who, int gateway) => Interlocked.Increment(ref _reconnects);

    public void Delivered(Guid user, ChatMessage m)
    {
        if (m.Kind != MessageKind.Text) return;
        var key = (user, m.ConversationId, m.Seq);
        _deliveries.AddOrUpdate(key, 1, (_, n) => n + 1);
        _deliveredAt.TryAdd(key, DateTime.UtcNow);
        if (m.ClientMessageId is { } id) _seqsOfClientId.GetOrAdd((user, id), _ => []).Add(m.Seq);
    }

    public int DeliveredCount(Guid user, Guid conversation) => _deliveries.Keys.Count(k => k.User == user && k.Conversation == conversation);

    /// <summary>Acked messages the recipient has not received (yet).</summary>
    public IReadOnlyList<string> Undelivered() =>
        _acks.Where(a => !_deliveries.ContainsKey((a.Value.Recipient, a.Value.ConversationId, a.Value.Seq))).Select(a => a.Key).ToList();

    public int DuplicateDeliveries =>
        _deliveries.Values.Sum(n => n - 1) + _seqsOfClientId.Values.Sum(seqs => seqs.Distinct().Count() - 1);

    /// <summary>
    /// For each conversation, how long after the fault its recipient first received a message whose first send
    /// attempt began after the fault; the slowest conversation is the recovery time. Null if one never recovered.
    /// </summary>
    public TimeSpan? RecoveryAfter(DateTime fault, IReadOnlyCollection<Guid> conversations)
    {
        var worst = TimeSpan.Zero;
        foreach (var conversation in conversations)
        {
            var first = _acks
                .Where(a => a.Value.ConversationId == conversation && _firstAttempt.TryGetValue(a.Key, out var t) && t >= fault)
                .Select(a => _deliveredAt.TryGetValue((a.Value.Recipient, conversation, a.Value.Seq), out var at) ? at : (DateTime?)null)
                .Where(t => t is not null)
                .Min();
            if (first is null) return null;
            if (first.Value - fault > worst) worst = first.Value - fault;
        }
        return worst;
    }

    /// <summary>Messages first sent after <paramref name="since"/>, acked, and received by the recipient.</summary>
    public int DeliveredAfter(DateTime since, Guid conversation) =>
        _acks.Count(a => a.Value.ConversationId == conversation && _firstAttempt.TryGetValue(a.Key, out var t) && t >= since
            && _deliveries.ContainsKey((a.Value.Recipient, conversation, a.Value.Seq)));

    /// <summary>Acked messages missing from the log, and client message ids stored more than once.</summary>
    public async Task<(int Missing, int StoredTwice)> CheckLog(string connectionString)
    {
        await using var data = NpgsqlDataSource.Create(connectionString);
        var stored = new Dictionary<(Guid, long), string?>();
        var storedTwice = 0;
        await using (var cmd = data.CreateCommand("SELECT conversation_id, seq, client_message_id FROM gochat_messages WHERE client_message_id LIKE 'f-%'"))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            var seen = new HashSet<string>();
            while (await reader.ReadAsync())
            {
                var clientId = reader.IsDBNull(2) ? null : reader.GetString(2);
                stored[(reader.GetGuid(0), reader.GetInt64(1))] = clientId;
                if (clientId is not null && !seen.Add(clientId)) storedTwice++;
            }
        }
        var missing = _acks.Count(a => !stored.TryGetValue((a.Value.ConversationId, a.Value.Seq), out var id) || id != a.Key);
        return (missing, storedTwice);
    }

    private sealed record Ack(Guid Recipient, Guid ConversationId, long Seq, DateTime At);
}
