using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace GoChat.Gateway.Tests.Telemetry;

[Collection(TelemetryCollection.Name)]
public sealed class MetricsTests(TelemetryFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private GoChatStack Stack => fixture.Stack;

    /// <summary>Each host's own meters, so that nothing else in this test process is counted.</summary>
    private MetricCollector<T> Gateway<T>(string instrument) where T : struct =>
        new(Stack.GatewayServices.GetRequiredService<IMeterFactory>(), "GoChat", instrument);

    private MetricCollector<T> Silo<T>(string instrument) where T : struct =>
        new(Stack.SiloServices.GetRequiredService<IMeterFactory>(), "GoChat", instrument);

    [Fact]
    public async Task Connections_messages_and_delivery_latency_are_measured()
    {
        using var connections = Gateway<long>("gochat.gateway.connections");
        using var delivered = Gateway<long>("gochat.messages.delivered");
        using var latency = Gateway<double>("gochat.delivery.latency");
        using var sent = Silo<long>("gochat.messages.sent");
        using var commits = Silo<double>("gochat.storage.commit.duration");
        using var batches = Silo<int>("gochat.storage.batch.size");

        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        await connections.WaitForMeasurementsAsync(2, Timeout);
        Assert.Equal(2, connections.GetMeasurementSnapshot().Sum(m => m.Value));

        var chat = await alice.CreateDirectAsync(bob.UserId);
        await alice.SyncAsync();
        await bob.SyncAsync();
        await alice.SendAsync(chat.Id, "Diukur");
        await bob.WaitForTexts(chat.Id, 1);
        await alice.WaitForTexts(chat.Id, 1);
        await latency.WaitForMeasurementsAsync(1, Timeout);

        // Counted once stored: the conversation's creation and the text, each by its kind.
        Assert.Equal(1, sent.GetMeasurementSnapshot().Count(m => m.Tags["gochat.message.kind"] as string == "Created"));
        Assert.Equal(1, sent.GetMeasurementSnapshot().Count(m => m.Tags["gochat.message.kind"] as string == "Text"));
        // One push of the text to two connections (sender's and recipient's), with its latency.
        Assert.Equal([2], delivered.GetMeasurementSnapshot().Select(m => m.Value));
        var ms = Assert.Single(latency.GetMeasurementSnapshot()).Value;
        Assert.InRange(ms, 0, Timeout.TotalMilliseconds);
        Assert.Contains(commits.GetMeasurementSnapshot(), m => m.Value > 0);
        Assert.Contains(batches.GetMeasurementSnapshot(), m => m.Value >= 1);

        await bob.DisposeAsync();
        await connections.WaitForMeasurementsAsync(3, Timeout);
        Assert.Equal(1, connections.GetMeasurementSnapshot().Sum(m => m.Value));

        // No ids as tags: every series stays one per kind, whatever the number of users and conversations.
        var tags = new[] { connections.GetMeasurementSnapshot().SelectMany(m => m.Tags.Keys), delivered.GetMeasurementSnapshot().SelectMany(m => m.Tags.Keys),
            latency.GetMeasurementSnapshot().SelectMany(m => m.Tags.Keys), sent.GetMeasurementSnapshot().SelectMany(m => m.Tags.Keys),
            commits.GetMeasurementSnapshot().SelectMany(m => m.Tags.Keys), batches.GetMeasurementSnapshot().SelectMany(m => m.Tags.Keys) };
        Assert.Equal(["gochat.message.kind"], tags.SelectMany(t => t).Distinct());
    }

    [Fact]
    public async Task A_refused_hub_call_is_counted_by_its_error_code()
    {
        using var errors = Gateway<long>("gochat.hub.errors");
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));

        var refused = await Assert.ThrowsAsync<HubException>(() => alice.SendAsync(Guid.NewGuid(), "ke mana?"));

        Assert.Contains(ErrorCodes.ConversationNotFound, refused.Message);
        var error = Assert.Single(errors.GetMeasurementSnapshot());
        Assert.Equal(1, error.Value);
        Assert.Equal(ErrorCodes.ConversationNotFound, error.Tags["error.type"]);
    }

    /// <summary>GoChat does not count activations itself: the dashboard reads Orleans' own instrument, by grain type.</summary>
    [Fact]
    public async Task Orleans_counts_activations_by_grain_type()
    {
        var types = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Microsoft.Orleans" && instrument.Name == "orleans-grains") l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) => Count(types, value, tags));
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) => Count(types, value, tags));
        listener.Start();

        // A new user's first connection activates their user grain.
        await using var carol = await Stack.ConnectAsync(GatewayFixture.Handle("carol"));
        listener.RecordObservableInstruments();

        // Tagged grain_type with the [GrainType] name, as the dashboard groups it.
        Assert.Contains("user", types.Keys);
    }

    private static void Count(System.Collections.Concurrent.ConcurrentDictionary<string, long> types, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "grain_type") types.AddOrUpdate(tag.Value?.ToString() ?? "", value, (_, n) => n + value);
        }
    }
}
