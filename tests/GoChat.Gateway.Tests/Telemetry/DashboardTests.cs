using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.RegularExpressions;
using GoChat.Gateway.Telemetry;
using GoChat.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace GoChat.Gateway.Tests.Telemetry;

/// <summary>The Grafana dashboard queries only series that the processes really publish.</summary>
[Collection(TelemetryCollection.Name)]
public sealed partial class DashboardTests(TelemetryFixture fixture)
{
    [Fact]
    public void Every_metric_the_dashboard_queries_is_published_by_silo_or_gateway()
    {
        // Both hosts with service defaults are up; the silo makes its instruments with its first message.
        fixture.Stack.SiloServices.GetRequiredService<GoChatMetrics>();
        fixture.Stack.GatewayServices.GetRequiredService<GatewayMetrics>();

        var queried = Expressions(JsonDocument.Parse(File.ReadAllText(DashboardPath())).RootElement)
            .Select(e => Labels().Replace(e, ""))
            .SelectMany(e => MetricName().Matches(e).Select(m => m.Value)).ToHashSet();
        var published = PublishedPrometheusNames();

        Assert.NotEmpty(queried);
        var missing = queried.Where(q => !published.Contains(q)).Order().ToList();
        Assert.True(missing.Count == 0, $"Not published: {string.Join(", ", missing)}\nPublished: {string.Join(", ", published.Order())}");
    }

    /// <summary>
    /// The names an OTLP-to-Prometheus path (the collector's exporter, or Prometheus' own OTLP receiver) gives
    /// an instrument: dots and dashes become underscores, the unit is spelled out, counters end in _total,
    /// histograms become _bucket, _sum and _count.
    /// </summary>
    private static HashSet<string> PublishedPrometheusNames()
    {
        var names = new HashSet<string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                var name = NonWord().Replace(instrument.Name, "_");
                var unit = instrument.Unit switch { "ms" => "_milliseconds", "s" => "_seconds", "By" => "_bytes", _ => "" };
                if (!name.EndsWith(unit, StringComparison.Ordinal)) name += unit;
                var kind = instrument.GetType().GetGenericTypeDefinition();
                if (kind == typeof(Histogram<>)) names.UnionWith([name + "_bucket", name + "_sum", name + "_count"]);
                else if (kind == typeof(Counter<>) || kind == typeof(ObservableCounter<>)) names.Add(name + "_total");
                else names.Add(name);
            },
        };
        listener.Start();
        return names;
    }

    private static IEnumerable<string> Expressions(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p =>
            p.Name == "expr" && p.Value.ValueKind == JsonValueKind.String ? [p.Value.GetString()!] : Expressions(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Expressions),
        _ => [],
    };

    private static string DashboardPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GoChat.Orleans.sln"))) return Path.Combine(dir.FullName, "k8s", "base", "dashboards", "gochat.json");
        }
        throw new DirectoryNotFoundException("The repository root (GoChat.Orleans.sln) is not above the test output.");
    }

    [GeneratedRegex(@"\b(gochat|orleans|dotnet|signalr|http|kestrel|db)_[a-z0-9_]+\b")]
    private static partial Regex MetricName();

    /// <summary>Label matchers and grouping clauses: what they name are labels, not series.</summary>
    [GeneratedRegex(@"\{[^}]*\}|\b(by|without)\s*\([^)]*\)")]
    private static partial Regex Labels();

    [GeneratedRegex("[^A-Za-z0-9_]")]
    private static partial Regex NonWord();
}
