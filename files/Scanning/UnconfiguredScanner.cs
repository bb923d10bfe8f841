using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoChat.Files.Scanning;

/// <summary>
/// The scanner when none is configured: applies Files:Scanning:WhenNoScanner without reading the file.
/// </summary>
/// <remarks>
/// Refuse gives <see cref="ScanOutcome.Failed"/>, not <see cref="ScanOutcome.Unscannable"/>: a missing scanner is the
/// operator's to fix, not something wrong with the file. Failed keeps the file quarantined and the retry after a
/// scanner is configured releases it; Unscannable would refuse a file that is probably fine and tell its sender so.
/// </remarks>
public sealed class UnconfiguredScanner(IOptions<ScanningOptions> options, ILogger<UnconfiguredScanner> logger) : IMalwareScanner
{
    public Task<ScanVerdict> Scan(Stream content, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        ScanVerdict verdict;
        if (options.Value.WhenNoScanner == NoScannerPolicy.AcceptWithWarning)
        {
            logger.AcceptedUnscanned();
            verdict = new ScanVerdict(ScanOutcome.NotScanned,
                $"No malware scanner is configured ({ClamdOptions.Section}); accepted unscanned because {ScanningOptions.Section}:WhenNoScanner is AcceptWithWarning.");
        }
        else
        {
            logger.RefusedUnscanned();
            verdict = new ScanVerdict(ScanOutcome.Failed,
                $"No malware scanner is configured ({ClamdOptions.Section}:Host or UnixSocket); the file stays quarantined until one is, because {ScanningOptions.Section}:WhenNoScanner is Refuse.");
        }
        ScanningTelemetry.Count(verdict.Outcome);
        return Task.FromResult(verdict);
    }
}
