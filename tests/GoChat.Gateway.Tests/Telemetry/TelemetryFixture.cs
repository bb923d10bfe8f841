using GoChat.ServiceDefaults;
using OpenTelemetry.Trace;

namespace GoChat.Gateway.Tests.Telemetry;

/// <summary>
/// A silo and a gateway set up as the hosts are, service defaults included, with tracing turned on by
/// configuration alone (no OTLP endpoint), and every span collected where an exporter would get it.
/// </summary>
public sealed class TelemetryFixture : IAsyncLifetime
{
    public SpanCollector Spans { get; } = new();
    public GoChatStack Stack { get; private set; } = null!;

    public async Task InitializeAsync() => Stack = await GoChatStack.StartAsync("telemetry", (builder, service) =>
    {
        builder.Configuration[$"{TelemetryOptions.Section}:{nameof(TelemetryOptions.Tracing)}"] = "true";
        builder.AddServiceDefaults(service);
        // One collector is enough: activity listeners are per process, so the gateway's provider also gets
        // the spans that the silo in this process records.
        if (service == GoChatStack.GatewayService) builder.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddProcessor(Spans));
    });

    public async Task DisposeAsync() => await Stack.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class TelemetryCollection : ICollectionFixture<TelemetryFixture>
{
    public const string Name = "telemetry";
}
