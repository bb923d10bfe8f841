using GoChat.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GoChat.Deploy.Tests;

public sealed class ProbeTests
{
    public static readonly TheoryData<string, string> AppsPerOverlay = new()
    {
        { "dev", Manifest.Silo }, { "dev", Manifest.Gateway }, { "prod", Manifest.Silo }, { "prod", Manifest.Gateway },
    };

    /// <summary>Liveness must touch nothing but the process, or a database outage restarts every pod at once.</summary>
    private static readonly Dictionary<string, string> RouteFor = new()
    {
        ["startupProbe"] = "/health/startup",
        ["readinessProbe"] = "/health/ready",
        ["livenessProbe"] = "/health/live",
    };

    [Theory, MemberData(nameof(AppsPerOverlay))]
    public void Startup_readiness_and_liveness_probe_the_health_routes_the_app_maps(string overlay, string workload)
    {
        var mapped = HealthRoutes();
        var container = Kustomize.Overlay(overlay).Workload(workload).Containers.Single();

        foreach (var (probe, route) in RouteFor)
        {
            var path = Manifest.Str(container[probe]?["httpGet"]?["path"]);
            Assert.True(path == route, $"{workload} {probe} probes {path ?? "nothing"}, not {route}.");
            Assert.Contains(route, mapped);
        }
    }

    [Theory, MemberData(nameof(AppsPerOverlay))]
    public void Probes_reach_the_port_the_app_listens_on(string overlay, string workload)
    {
        var manifest = Kustomize.Overlay(overlay);
        var container = manifest.Workload(workload).Containers.Single();
        var listening = ListeningPort(manifest, container);

        Assert.Equal(listening, PortNumber(container, "http"));
        foreach (var probe in RouteFor.Keys)
        {
            var port = container[probe]!["httpGet"]!["port"]!;
            Assert.Equal(listening, int.TryParse(Manifest.Str(port), out var n) ? n : PortNumber(container, Manifest.Str(port)!));
        }
    }

    /// <summary>The one port in the app's effective Urls: appsettings.json under the container's environment.</summary>
    public static int ListeningPort(Manifest manifest, JsonObject container)
    {
        var urls = AppConfig.For(manifest, container)["Urls"] ?? throw new Xunit.Sdk.XunitException("No Urls configured.");
        var port = Assert.Single(urls.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(u => BindingAddress.Parse(u).Port).Distinct());
        var host = BindingAddress.Parse(urls.Split(';')[0]).Host;
        Assert.True(host is "+" or "*" or "0.0.0.0" or "[::]", $"The app listens on {urls}: not reachable from outside the pod.");
        return port;
    }

    public static int PortNumber(JsonObject container, string name)
    {
        var port = container["ports"]?.AsArray().SingleOrDefault(p => Manifest.Str(p!["name"]) == name)
            ?? throw new Xunit.Sdk.XunitException($"Container {Manifest.Str(container["name"])} has no port named {name}.");
        return Manifest.Int(port["containerPort"]);
    }

    private static HashSet<string> HealthRoutes()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddHealthChecks();
        var app = builder.Build();
        app.MapHealthEndpoints();
        return ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).ToHashSet();
    }
}
