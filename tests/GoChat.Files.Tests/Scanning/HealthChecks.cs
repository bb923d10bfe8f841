using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GoChat.Files.Tests.Scanning;

/// <summary>What the health-check service hands a check, for calling one directly.</summary>
internal static class HealthChecks
{
    public static HealthCheckContext Context(IHealthCheck check, HealthStatus failureStatus) =>
        new() { Registration = new HealthCheckRegistration("malware-scanner", check, failureStatus, tags: null) };
}
