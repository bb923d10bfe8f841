using GoChat.GrainInterfaces.Events;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace GoChat.Grains.Conversations;

/// <summary>
/// A group's receipts as its senders see them: for each recent text message, how many of the other members have it
/// and how many read it, kept up to date as cursors move, and handed out once per coalescing window.
/// </summary>
/// <remarks>
/// Pushing every member's cursor to every member costs members squared per message (5,000 online members, 5,000
/// receipts each). Only the sender needs to know, and a count is enough until they ask who
/// (<see cref="Who"/>). Counting is incremental: when a member's delivered cursor moves from a to b, each message of
/// someone else in (a, b] gains one; the work is bounded by the window of <see cref="ReceiptOptions.RecentSeqs"/>,
/// never members × messages. The counts live in memory only: on activation they are rebuilt from the members'
/// cursors (one sweep over members and window) the first time a cursor moves.
/// </remarks>
internal sealed class ReceiptTally
{
    private readonly Guid _conversationId;
    private readonly ReceiptOptions _options;
    private readonly Func<IReadOnlyDictionary<Guid, MemberState>> _members;
    private readonly Func<long, int, Task<IReadOnlyList<ChatMessage>>> _readTail;
    private readonly Action<ReceiptBatch> _publish;
    private readonly ILogger _logger;
    /// <summary>Text messages of the window, oldest first.</summary>
    private readonly List<Counted> _recent = [];
    /// <summary>Members' own new cursors since the last batch, for their other devices.</summary>
    private readonly Dictionary<Guid, Receipt> _ownCursors = [];
    /// <summary>Entries up to this seq were in the log before this activation; later ones were all seen here.</summary>
    private readonly long _activatedAt;
    private long _lastSeq;
    private bool _seeded;
    private Task? _seeding;
    /// <summary>The lowest cursor a move started from before the counts were seeded: messages above it changed.</summary>
    private long _lowestMoveBeforeSeed = long.MaxValue;
    private bool _due;

    public ReceiptTally(Guid conversationId, long lastSeq, ReceiptOptions options, Func<IReadOnlyDictionary<Guid, MemberState>> members,
        Func<long, int, Task<IReadOnlyList<ChatMessage>>> readTail, Action<ReceiptBatch> publish, ILogger logger)
    {
        _conversationId = conversationId;
        _activatedAt = _lastSeq = lastSeq;
        _options = options;
        _members = members;
        _readTail = readTail;
        _publish = publish;
        _logger = logger;
        _seeded = lastSeq == 0;
    }

    /// <summary>Starts the coalescing window; set by the grain, whose timer calls <see cref="Flush"/>.</summary>
    public IGrainTimer? Timer { get; set; }

    /// <summary>Every entry the conversation assigns a seq to, in seq order.</summary>
    public void Appended(ChatMessage entry)
    {
        _lastSeq = entry.Seq;
        Prune();
        if (entry.Kind != MessageKind.Text) return;
        var members = _members();
        _recent.Add(new Counted(entry.Seq, entry.SenderId) { Recipients = members.Count - (members.ContainsKey(entry.SenderId) ? 1 : 0) });
    }

    /// <summary>A member's cursors moved (already written to <paramref name="now"/>); <paramref name="before"/> is what they were.</summary>
    public void Moved(Guid user, Cursors before, MemberState now)
    {
        _ownCursors[user] = new Receipt(_conversationId, user, now.DeliveredSeq, now.ReadSeq);
        if (_seeded)
        {
            Count(user, now.JoinedSeq, before.Delivered, now.DeliveredSeq, read: false, by: 1);
            if (before.SharesRead && now.SharesReadReceipts) Count(user, now.JoinedSeq, before.Read, now.ReadSeq, read: true, by: 1);
            else if (before.SharesRead != now.SharesReadReceipts)
            {
                // Sharing turned on or off: what the member read appears or disappears, as their cursor shows it now.
                if (before.SharesRead) Count(user, now.JoinedSeq, now.JoinedSeq, before.Read, read: true, by: -1);
                else Count(user, now.JoinedSeq, now.JoinedSeq, now.ReadSeq, read: true, by: 1);
            }
        }
        else
        {
            _lowestMoveBeforeSeed = Math.Min(_lowestMoveBeforeSeed, Math.Min(before.Delivered, before.Read));
            _seeding ??= Seed();
        }
        Schedule();
    }

    /// <summary>The member left or was removed: they no longer count for anyone's messages.</summary>
    public void Gone(Guid user, MemberState member)
    {
        if (!_seeded) return;
        foreach (var e in After(member.JoinedSeq))
        {
            if (e.Sender == user) continue;
            e.Recipients--;
            if (e.Seq <= member.DeliveredSeq) e.Delivered--;
            if (member.SharesReadReceipts && e.Seq <= member.ReadSeq) e.Read--;
            e.Changed = true;
        }
        Schedule();
    }

    /// <summary>The timer's callback: one event for everything that changed in the window.</summary>
    public Task Flush()
    {
        _due = false;
        var members = _members();
        var counts = _recent.Where(e => e.Changed).GroupBy(e => e.Sender)
            .Where(g => members.ContainsKey(g.Key))
            .Select(g => new ReceiptCounts(_conversationId, g.Key, [.. g.Select(e => e.ToCount(members[g.Key].SharesReadReceipts))]))
            .ToList();
        foreach (var e in _recent) e.Changed = false;
        List<Receipt> own = [.. _ownCursors.Values];
        _ownCursors.Clear();
        if (counts.Count > 0 || own.Count > 0) _publish(new ReceiptBatch(counts, own));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Who has one message and who read it, for its sender: a sweep over the members, asked for on demand only. Read
    /// shows only for members who share read receipts, and only to a sender who shares theirs.
    /// </summary>
    public static MessageReceipts Who(Guid conversationId, long seq, Guid sender, IReadOnlyDictionary<Guid, MemberState> members)
    {
        var senderShares = members.TryGetValue(sender, out var s) && s.SharesReadReceipts;
        Names read = new(), delivered = new(), pending = new();
        foreach (var (user, m) in members)
        {
            if (user == sender || m.JoinedSeq >= seq) continue;
            if (m.DeliveredSeq < seq) pending.Add(user);
            else if (senderShares && m.SharesReadReceipts && m.ReadSeq >= seq) read.Add(user);
            else delivered.Add(user);
        }
        return new MessageReceipts(conversationId, seq, read.Listed, delivered.Listed, pending.Listed, read.Count, delivered.Count, pending.Count);
    }

    /// <summary>Counts every member, names the first <see cref="Limits.MaxReceiptNames"/>.</summary>
    private sealed class Names
    {
        public List<Guid> Listed { get; } = [];
        public int Count { get; private set; }

        public void Add(Guid user)
        {
            if (Count++ < Limits.MaxReceiptNames) Listed.Add(user);
        }
    }

    private void Schedule()
    {
        if (_due || Timer is null) return;
        _due = true;
        Timer.Change(_options.Coalesce, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Each message of someone other than the member in (max(from, joined), to] gains (or loses) one.</summary>
    private void Count(Guid member, long joined, long from, long to, bool read, int by)
    {
        var lo = Math.Max(from, joined);
        if (to <= lo) return;
        foreach (var e in After(lo))
        {
            if (e.Seq > to) break;
            if (e.Sender == member) continue;
            if (read) e.Read += by;
            else e.Delivered += by;
            e.Changed = true;
        }
    }

    /// <summary>The window's messages with seq above <paramref name="seq"/>, oldest first.</summary>
    private IEnumerable<Counted> After(long seq)
    {
        for (var i = FirstAbove(seq); i < _recent.Count; i++) yield return _recent[i];
    }

    private int FirstAbove(long seq)
    {
        int lo = 0, hi = _recent.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_recent[mid].Seq <= seq) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private void Prune()
    {
        var keep = FirstAbove(_lastSeq - _options.RecentSeqs);
        if (keep > 0) _recent.RemoveRange(0, keep);
    }

    /// <summary>
    /// Reads the senders of the window's messages from before this activation, then counts every message from the
    /// members' cursors as they are now. Runs on the grain's scheduler, like every other turn.
    /// </summary>
    private async Task Seed()
    {
        try
        {
            var floor = Math.Max(1, _lastSeq - _options.RecentSeqs + 1);
            var tail = _activatedAt >= floor ? await _readTail(floor, (int)(_activatedAt - floor + 1)) : [];
            _recent.InsertRange(0, tail.Where(m => m.Kind == MessageKind.Text && m.Seq <= _activatedAt).Select(m => new Counted(m.Seq, m.SenderId)));
            Prune();
            Recount();
            _seeded = true;
            foreach (var e in After(_lowestMoveBeforeSeed)) e.Changed = true;
            Schedule();
        }
        catch (Exception ex)
        {
            // The next cursor move tries again; until then the senders' ticks wait, nothing is lost.
            _logger.LogWarning(ex, "Counting receipts of {ConversationId} failed; will retry", _conversationId);
            _seeding = null;
        }
    }

    /// <summary>
    /// Every count from scratch in one sweep: each member adds one over a range of the window (a difference array),
    /// then the sender's own cursor, which counts for nobody, is taken back out.
    /// </summary>
    private void Recount()
    {
        var n = _recent.Count;
        var recipients = new int[n + 1];
        var delivered = new int[n + 1];
        var read = new int[n + 1];
        var members = _members();
        foreach (var m in members.Values)
        {
            var from = FirstAbove(m.JoinedSeq);
            Cover(recipients, from, n);
            Cover(delivered, from, FirstAbove(m.DeliveredSeq));
            if (m.SharesReadReceipts) Cover(read, from, FirstAbove(m.ReadSeq));
        }
        int r = 0, d = 0, rd = 0;
        for (var i = 0; i < n; i++)
        {
            r += recipients[i];
            d += delivered[i];
            rd += read[i];
            var e = _recent[i];
            var own = members.GetValueOrDefault(e.Sender);
            var covers = own is not null && own.JoinedSeq < e.Seq;
            e.Recipients = r - (covers ? 1 : 0);
            e.Delivered = d - (covers && own!.DeliveredSeq >= e.Seq ? 1 : 0);
            e.Read = rd - (covers && own!.SharesReadReceipts && own.ReadSeq >= e.Seq ? 1 : 0);
        }
    }

    /// <summary>Adds one to the positions [from, to) of a difference array.</summary>
    private static void Cover(int[] diff, int from, int to)
    {
        if (to <= from) return;
        diff[from]++;
        diff[to]--;
    }

    /// <summary>A member's cursors before a move.</summary>
    public readonly record struct Cursors(long Delivered, long Read, bool SharesRead);

    private sealed class Counted(long seq, Guid sender)
    {
        public long Seq { get; } = seq;
        public Guid Sender { get; } = sender;
        public int Recipients { get; set; }
        public int Delivered { get; set; }
        public int Read { get; set; }
        /// <summary>Changed since the last batch.</summary>
        public bool Changed { get; set; }

        public MessageReceiptCount ToCount(bool senderSharesRead) => new(Seq, Recipients, Delivered, senderSharesRead ? Read : null);
    }
}
