using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using GoChat.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace GoChat.Gateway.Tests.Telemetry;

/// <summary>What AddServiceDefaults turns on, for each configuration a host can have.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class ServiceDefaultsTests
{
    [Fact]
    public void Without_an_OTLP_endpoint_no_spans_are_recorded()
    {
        using var host = Build([]);
        Assert.Null(host.Services.GetService<TracerProvider>());
    }

    [Fact]
    public void Tracing_can_be_turned_on_without_an_OTLP_endpoint()
    {
        using var host = Build(new() { ["Telemetry:Tracing"] = "true" });
        Assert.NotNull(host.Services.GetService<TracerProvider>());
    }

    [Fact]
    public void An_OTLP_endpoint_that_is_not_a_URL_stops_the_start()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Build(new() { [TelemetryOptions.OtlpEndpointKey] = "collector:4317" }));
        Assert.Contains(TelemetryOptions.OtlpEndpointKey, refused.Message);
    }

    [Fact]
    public async Task With_an_OTLP_endpoint_logs_metrics_and_traces_are_all_exported()
    {
        await using var collector = await FakeOtlpCollector.StartAsync();
        var host = Build(new()
        {
            [TelemetryOptions.OtlpEndpointKey] = collector.Endpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });
        await host.StartAsync();

        host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("GoChat.Test").LogWarning("Exported {What}", "a log");
        host.Services.GetRequiredService<IMeterFactory>().Create("GoChat").CreateCounter<long>("gochat.test.exported").Add(1);
        using (var source = new ActivitySource("GoChat"))
        using (source.StartActivity("exported span")) { }

        // Stopping flushes every signal's exporter: no waiting on export intervals.
        await host.StopAsync();
        host.Dispose();

        Assert.Equal(["/v1/logs", "/v1/metrics", "/v1/traces"], collector.Paths.Order());
    }

    [Theory]
    [InlineData("Development", "true")]
    [InlineData("Production", "true")]
    [InlineData("Benchmark", "false")]
    public void Bench_counters_exist_only_in_the_Benchmark_environment_when_asked_for(string environment, string counters)
    {
        using var host = Build(new() { [BenchCounters.EnabledKey] = counters }, environment);
        Assert.Null(host.Services.GetService<BenchCounters>());
    }

    [Fact]
    public void Bench_counters_total_counters_and_count_histogram_values_of_the_GoChat_meter()
    {
        using var host = Build(new() { [BenchCounters.EnabledKey] = "true" }, "Benchmark");
        var counters = host.Services.GetRequiredService<BenchCounters>();
        var meter = host.Services.GetRequiredService<IMeterFactory>().Create("GoChat");
        var delivered = meter.CreateCounter<long>("gochat.test.delivered");
        var latency = meter.CreateHistogram<double>("gochat.test.latency");
        meter.CreateObservableGauge("gochat.test.open", () => 7L);
        var other = host.Services.GetRequiredService<IMeterFactory>().Create("Elsewhere").CreateCounter<long>("other.test.counter");

        delivered.Add(3);
        delivered.Add(2);
        latency.Record(12.5);
        latency.Record(0.5);
        other.Add(1);

        var totals = counters.Read();
        Assert.Equal(5, totals["gochat.test.delivered"]);
        Assert.Equal(2, totals["gochat.test.latency.count"]);
        Assert.Equal(7, totals["gochat.test.open"]);
        Assert.False(totals.ContainsKey("other.test.counter"));
        // An observable instrument reads what it reports now, not a sum over reads.
        Assert.Equal(7, counters.Read()["gochat.test.open"]);
    }

    private static IHost Build(Dictionary<string, string?> settings, string environment = "Development")
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults("gochat-test");
        return builder.Build();
    }

    /// <summary>Accepts OTLP over HTTP and remembers which signal paths were posted to.</summary>
    private sealed class FakeOtlpCollector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentDictionary<string, int> _paths = new();

        private FakeOtlpCollector(WebApplication app) => _app = app;

        public Uri Endpoint { get; private set; } = null!;
        public IReadOnlyCollection<string> Paths => [.. _paths.Keys];

        public static async Task<FakeOtlpCollector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var collector = new FakeOtlpCollector(app);
            app.MapPost("/v1/{signal}", (HttpContext ctx) =>
            {
                collector._paths.AddOrUpdate(ctx.Request.Path.Value!, 1, (_, n) => n + 1);
                // An empty protobuf message is a complete "export succeeded" answer.
                ctx.Response.ContentType = "application/x-protobuf";
                return Task.CompletedTask;
            });
            await app.StartAsync();
            collector.Endpoint = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            return collector;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
