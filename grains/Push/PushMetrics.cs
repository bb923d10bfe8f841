using System.Diagnostics.Metrics;
using GoChat.Grains.Telemetry;

namespace GoChat.Grains.Push;

/// <summary>Web Push instruments on GoChat's meter. The outcome tag is a fixed set; endpoints and users are never tags.</summary>
public sealed class PushMetrics
{
    private readonly Counter<long> _sent;
    private readonly Counter<long> _dropped;
    private readonly Histogram<int> _candidates;

    public PushMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(GoChatMetrics.MeterName);
        _sent = meter.CreateCounter<long>("gochat.push.requests", "{push}", "Web Push requests to push services, by outcome (delivered, gone, failed).");
        _dropped = meter.CreateCounter<long>("gochat.push.notices.dropped", "{notice}", "New-message notices dropped because the push queue was full.");
        _candidates = meter.CreateHistogram<int>("gochat.push.batch.candidates", "{user}", "Subscribed members found per batch of new messages.");
    }

    public void Sent(string outcome) => _sent.Add(1, new KeyValuePair<string, object?>("gochat.push.outcome", outcome));

    public void NoticeDropped() => _dropped.Add(1);

    public void Candidates(int count) => _candidates.Record(count);
}
