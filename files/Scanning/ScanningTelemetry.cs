using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace GoChat.Files.Scanning;

/// <summary>
/// The scanner's span ("clamd.scan") and instruments, on the activity source and meter "GoChat.Files"; a host exports
/// them by adding <see cref="Name"/> to its OpenTelemetry sources and meters. Tags are the bounded outcome, never a
/// file id or a signature name.
/// </summary>
public static class ScanningTelemetry
{
    public const string Name = "GoChat.Files";

    internal static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Milliseconds: a small file is scanned in a few, a large archive in seconds; the timeout shows as the last bucket.</summary>
    private static readonly IReadOnlyList<double> DurationBuckets = [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000, 120_000];

    private static readonly Counter<long> Scans = Meter.CreateCounter<long>("gochat.files.scans", "{file}", "Files scanned for malware, by outcome.");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram("gochat.files.scan.duration", "ms", "Time from connecting to the scanner to its verdict.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });

    private static readonly string[] OutcomeNames = ["clean", "infected", "unscannable", "failed", "not_scanned"];

    internal static string OutcomeName(ScanOutcome outcome) => (uint)outcome < (uint)OutcomeNames.Length ? OutcomeNames[(int)outcome] : "other";

    internal static void Record(ScanOutcome outcome, TimeSpan elapsed)
    {
        var tag = Tag(outcome);
        Scans.Add(1, tag);
        Duration.Record(elapsed.TotalMilliseconds, tag);
    }

    /// <summary>A verdict given without asking a scanner: counted, but kept out of the scan times.</summary>
    internal static void Count(ScanOutcome outcome) => Scans.Add(1, Tag(outcome));

    private static KeyValuePair<string, object?> Tag(ScanOutcome outcome) => new("gochat.scan.outcome", OutcomeName(outcome));
}
