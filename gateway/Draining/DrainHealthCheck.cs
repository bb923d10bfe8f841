using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GoChat.Gateway.Draining;

/// <summary>Not ready while draining, so that load balancers send no new connections to a gateway that is leaving.</summary>
public sealed class DrainHealthCheck(ConnectionDrain drain) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(drain.Draining ? HealthCheckResult.Unhealthy("Draining: this gateway is shutting down.") : HealthCheckResult.Healthy());
}
