using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace GoChat.ServiceDefaults;

/// <summary>
/// How a process reports itself. Section "Telemetry". The exporter itself is configured by OpenTelemetry's own
/// variables (OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_TRACES_SAMPLER, ...).
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Record spans although no OTLP endpoint is set: for tests and a local listener. Off by default, because
    /// spans that nobody exports still cost a measured share of the message path's CPU.
    /// </summary>
    public bool Tracing { get; set; }

    /// <summary>
    /// The service.instance.id that tells replicas apart on a dashboard (the pod name on Kubernetes). Empty: a
    /// new id per process start.
    /// </summary>
    [MaxLength(128)]
    public string? InstanceId { get; set; }

    /// <summary>OTLP export is on when OTEL_EXPORTER_OTLP_ENDPOINT is set; it must then be an absolute http(s) URL.</summary>
    public static Uri? OtlpEndpoint(IConfiguration configuration)
    {
        var value = configuration[OtlpEndpointKey];
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"{OtlpEndpointKey} must be an absolute http(s) URL, not '{value}'.");
        }
        return uri;
    }

    public static TelemetryOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        return options;
    }
}
