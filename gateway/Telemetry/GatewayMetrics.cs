using System.Diagnostics.Metrics;
using GoChat.GrainInterfaces;

namespace GoChat.Gateway.Telemetry;

/// <summary>The gateway's own instruments on the meter "GoChat": what users feel. Tags are bounded, never ids.</summary>
public sealed class GatewayMetrics
{
    /// <summary>Milliseconds, from "instant" to "the user noticed".</summary>
    private static readonly IReadOnlyList<double> LatencyBuckets = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000];

    private readonly Counter<long> _delivered;
    private readonly Histogram<double> _latency;
    private readonly UpDownCounter<long> _connections;
    private readonly Counter<long> _gapsFilled;
    private readonly Counter<long> _hubErrors;
    private readonly Counter<long> _slowConsumersClosed;

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create("GoChat");
        _delivered = meter.CreateCounter<long>("gochat.messages.delivered", "{message}", "Log entries pushed to client connections, one per connection.");
        _latency = meter.CreateHistogram("gochat.delivery.latency", "ms",
            "From the conversation grain stamping an entry (ChatMessage.SentAt, before its commit) to this gateway pushing it.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _connections = meter.CreateUpDownCounter<long>("gochat.gateway.connections", "{connection}", "Signed-in hub connections open on this gateway.");
        _gapsFilled = meter.CreateCounter<long>("gochat.delivery.gaps_filled", "{message}", "Entries read from the log because live delivery skipped them.");
        _slowConsumersClosed = meter.CreateCounter<long>("gochat.gateway.slow_consumer_closed", "{connection}",
            "Connections closed because their outbox was full: the client did not read what it was sent (it resyncs on reconnect).");
        _hubErrors = meter.CreateCounter<long>("gochat.hub.errors", "{error}", "Hub invocations that failed, by GoChat error code (UNAVAILABLE: a server fault).");
    }

    public void Delivered(ChatMessage message, int connections)
    {
        if (connections == 0) return;
        _delivered.Add(connections);
        // Silo and gateway clocks differ by a little: a push "before" the stamp is an instant one.
        if (_latency.Enabled) _latency.Record(Math.Max(0, (DateTimeOffset.UtcNow - message.SentAt).TotalMilliseconds));
    }

    public void ConnectionOpened() => _connections.Add(1);
    public void ConnectionClosed() => _connections.Add(-1);
    public void GapFilled(int entries) => _gapsFilled.Add(entries);
    public void SlowConsumerClosed() => _slowConsumersClosed.Add(1);

    /// <param name="code">One of <see cref="ErrorCodes"/>: a small fixed set.</param>
    public void HubError(string code) => _hubErrors.Add(1, new KeyValuePair<string, object?>("error.type", code));
}
