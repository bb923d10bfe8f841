using System.Text.Json;
using System.Text.Json.Serialization;

namespace GoChat.Bench.Measure;

/// <summary>
/// One workload run, one JSON line. Latencies in milliseconds; CPU in seconds over the measured window
/// (server: every pid of the system under test, PostgreSQL included in durable runs; client: this process).
/// A step measured in several back-to-back windows (W1) is one line per window: the same parameters, <see cref="Window"/>
/// 1..n; 0 is a result measured as one. <see cref="Counters"/> holds what a workload samples beside the figures (receipts
/// sent, the window's GC pauses, PostgreSQL checkpoints): named numbers the report may show, absent when there are none.
/// </summary>
public sealed record WorkloadResult(
    string System,
    string Workload,
    string Parameters,
    long Sent,
    long Delivered,
    long Lost,
    long Duplicates,
    double DurationSeconds,
    double DeliveredPerSecond,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double MaxMs,
    double ServerCpuSeconds,
    double ClientCpuSeconds,
    int Window = 0,
    IReadOnlyDictionary<string, double>? Counters = null)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Server CPU-seconds per 1,000 delivered messages: the fair figure on a shared 2-core box.</summary>
    [JsonIgnore]
    public double ServerCpuPerThousand => Delivered == 0 ? 0 : ServerCpuSeconds * 1000.0 / Delivered;

    /// <summary>A sampled counter, 0 when the run did not sample it.</summary>
    public double Counter(string name) => Counters is not null && Counters.TryGetValue(name, out var v) ? v : 0;

    /// <summary>Prints the result as one JSON line to stdout and appends it to <paramref name="outFile"/>.</summary>
    public void Emit(string? outFile) => ResultLines.Emit(ToJson(), outFile);
}
