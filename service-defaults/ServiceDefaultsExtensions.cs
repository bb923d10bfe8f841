using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace GoChat.ServiceDefaults;

/// <summary>What every GoChat process shares: OpenTelemetry and the startup / ready / live health split.</summary>
public static class ServiceDefaultsExtensions
{
    public const string LiveTag = "live";
    public const string ReadyTag = "ready";

    /// <summary>Meters and activity sources every process exports; callers add their own beside them.</summary>
    /// <remarks>
    /// "Microsoft.AspNetCore.SignalR.Server" gives one span per hub method invocation, "Microsoft.Orleans.*" the
    /// grain call (client and server side), "GoChat" the message-log append and its batch commit, "Npgsql" the
    /// statements. Metrics of ASP.NET Core (incl. SignalR connections) and the runtime come from the instrumentations.
    /// </remarks>
    public static readonly string[] Meters = ["GoChat", "GoChat.Files", "Microsoft.Orleans", "Npgsql"];
    public static readonly string[] Sources = ["GoChat", "GoChat.Files", "Microsoft.AspNetCore.SignalR.Server", "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "Microsoft.Orleans.Storage", "Npgsql"];

    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        var options = TelemetryOptions.From(builder.Configuration);
        var otlp = TelemetryOptions.OtlpEndpoint(builder.Configuration);
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        builder.Logging.AddOpenTelemetry(o =>
        {
            o.IncludeFormattedMessage = true;
            o.IncludeScopes = true;
        });

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName, serviceInstanceId: string.IsNullOrWhiteSpace(options.InstanceId) ? null : options.InstanceId))
            .WithMetrics(m => m.AddMeter(Meters).AddAspNetCoreInstrumentation().AddRuntimeInstrumentation());

        // Traces only when they go somewhere (or a test asks): recording spans that nobody exports cost a
        // measured share of the message path's CPU. OTEL_TRACES_SAMPLER(_ARG) thins them out under load.
        if (otlp is not null || options.Tracing)
        {
            otel.WithTracing(t => t.AddSource(Sources)
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health"))
                .ConfigureSampler((_, chosen) => new HousekeepingSampler(chosen)));
        }

        // One exporter for all three signals: the logs from builder.Logging, the metrics and the traces above.
        if (otlp is not null) otel.UseOtlpExporter();

        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        if (BenchCounters.IsEnabled(builder.Configuration, builder.Environment)) builder.Services.AddSingleton<BenchCounters>();
        return builder;
    }

    /// <summary>/health/live touches nothing but the process; /health/ready and /health/startup run the readiness checks.</summary>
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains(LiveTag) });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) });
        app.MapHealthChecks("/health/startup", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) });
        // Benchmark only (Bench:Counters): resolved here, so its listener counts from the start.
        if (app.Services.GetService<BenchCounters>() is { } counters) app.MapGet(BenchCounters.Path, () => counters.Read()).AllowAnonymous();
        return app;
    }
}
