using System.Diagnostics.Metrics;

namespace GoChat.Grains.Telemetry;

/// <summary>GoChat's own silo-side instruments, on the meter "GoChat". Tags are bounded enums, never ids.</summary>
public sealed class GoChatMetrics
{
    public const string MeterName = "GoChat";

    /// <summary>Milliseconds: a commit takes about one round trip, a slow disk or a lock wait shows as the tail.</summary>
    private static readonly IReadOnlyList<double> CommitBuckets = [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];
    private static readonly IReadOnlyList<int> BatchBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];

    private readonly Counter<long> _sent;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _commitMs;
    private readonly Counter<long> _failed;

    public GoChatMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _sent = meter.CreateCounter<long>("gochat.messages.sent", "{message}", "Log entries stored and acknowledged to their sender.");
        _batchSize = meter.CreateHistogram("gochat.storage.batch.size", "{message}", "Entries per message-log commit (group commit).",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = BatchBuckets });
        _commitMs = meter.CreateHistogram("gochat.storage.commit.duration", "ms", "Time to commit one message-log batch.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = CommitBuckets });
        _failed = meter.CreateCounter<long>("gochat.storage.append.failures", "{message}", "Log entries that could not be stored; their senders were told to resend.");
    }

    public void MessageSent(MessageKind kind)
    {
        if (_sent.Enabled) _sent.Add(1, new KeyValuePair<string, object?>("gochat.message.kind", KindName(kind)));
    }

    public void RecordCommit(int entries, TimeSpan elapsed)
    {
        _batchSize.Record(entries);
        _commitMs.Record(elapsed.TotalMilliseconds);
    }

    public void AppendFailed() => _failed.Add(1);

    /// <summary>Names as the API spells them, cached: Enum.ToString allocates on every call.</summary>
    private static string KindName(MessageKind kind) => (uint)kind < (uint)Names.Length ? Names[(int)kind] : "other";

    private static readonly string[] Names = BuildNames();

    private static string[] BuildNames()
    {
        var values = Enum.GetValues<MessageKind>();
        var names = new string[values.Max(v => (int)v) + 1];
        for (var i = 0; i < names.Length; i++) names[i] = "other";
        foreach (var v in values) names[(int)v] = v.ToString();
        return names;
    }
}
