using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace GoChat.Files.Scanning;

/// <summary>
/// Whether uploads can be cleared: clamd answers its ping, or no scanner is configured and policy accepts files
/// unscanned (reported as Degraded). Register it with failureStatus Degraded: without a scanner, files wait in
/// quarantine but everything else works, so the process should stay in rotation.
/// </summary>
public sealed class ScannerHealthCheck(IMalwareScanner scanner, IOptions<ScanningOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (scanner is ClamdScanner clamd)
        {
            return await clamd.Ping(cancellationToken)
                ? HealthCheckResult.Healthy($"clamd at {clamd.Endpoint} answers.")
                : new HealthCheckResult(context.Registration.FailureStatus, $"clamd at {clamd.Endpoint} does not answer; uploads stay quarantined.");
        }
        return options.Value.WhenNoScanner == NoScannerPolicy.AcceptWithWarning
            ? HealthCheckResult.Degraded("No malware scanner is configured; uploads are accepted unscanned.")
            : new HealthCheckResult(context.Registration.FailureStatus, "No malware scanner is configured; uploads stay quarantined.");
    }
}
