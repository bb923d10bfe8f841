using System.Diagnostics.Metrics;

namespace GoChat.Gateway.Telemetry;

/// <summary>The gateway's own instruments on the meter "GoChat": what users feel.</summary>
public sealed class GatewayMetrics
{
    private readonly Counter<long> _delivered;
    private readonly Histogram<double> _latency;
    private readonly UpDownCounter<long> _connections;
    private readonly Counter<long> _gapsFilled;

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create("GoChat");
        _delivered = meter.CreateCounter<long>("gochat.messages.delivered", "{message}", "Log entries pushed to client connections.");
        _latency = meter.CreateHistogram<double>("gochat.delivery.latency", "ms", "From the server accepting an entry to the gateway pushing it.");
        _connections = meter.CreateUpDownCounter<long>("gochat.connections", "{connection}", "Open client connections.");
        _gapsFilled = meter.CreateCounter<long>("gochat.delivery.gaps_filled", "{message}", "Entries read from the log because live delivery skipped them.");
    }

    public void Delivered(ChatMessage message, int connections)
    {
        if (connections == 0) return;
        _delivered.Add(connections);
        _latency.Record((DateTimeOffset.UtcNow - message.SentAt).TotalMilliseconds);
    }

    public void ConnectionOpened() => _connections.Add(1);
    public void ConnectionClosed() => _connections.Add(-1);
    public void GapFilled(int entries) => _gapsFilled.Add(entries);
}
