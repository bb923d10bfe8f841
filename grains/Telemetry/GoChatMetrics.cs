using System.Diagnostics.Metrics;

namespace GoChat.Grains.Telemetry;

/// <summary>GoChat's own silo-side instruments, on the meter "GoChat".</summary>
public sealed class GoChatMetrics
{
    public const string MeterName = "GoChat";

    private readonly Counter<long> _accepted;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _commitMs;

    public GoChatMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _accepted = meter.CreateCounter<long>("gochat.messages.accepted", "{message}", "Entries acknowledged durable to their sender.");
        _batchSize = meter.CreateHistogram<int>("gochat.messagelog.batch_size", "{message}", "Entries per message-log transaction.");
        _commitMs = meter.CreateHistogram<double>("gochat.messagelog.commit_duration", "ms", "Time to commit one message-log batch.");
    }

    public void MessageAccepted(MessageKind kind) => _accepted.Add(1, new KeyValuePair<string, object?>("kind", kind.ToString()));

    public void RecordCommit(int entries, TimeSpan elapsed)
    {
        _batchSize.Record(entries);
        _commitMs.Record(elapsed.TotalMilliseconds);
    }
}
