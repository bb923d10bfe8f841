using Microsoft.Extensions.Configuration;
using GoChat.Gateway.Orleans;
using GoChat.Silo;

namespace GoChat.Deploy.Tests;

/// <summary>The manifests against the apps' own option classes: what the silo and gateway would really bind.</summary>
public sealed class ClusterTests
{
    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Silos_and_gateways_join_the_same_cluster_and_service(string overlay)
    {
        var (silo, gateway) = Options(overlay);

        Assert.Equal(silo.ClusterId, gateway.ClusterId);
        Assert.Equal(silo.ServiceId, gateway.ServiceId);
    }

    [Fact]
    public void Dev_and_prod_are_different_clusters()
    {
        Assert.NotEqual(Options("dev").Silo.ClusterId, Options("prod").Silo.ClusterId);
    }

    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Silo_advertises_its_pod_ip(string overlay)
    {
        var container = Kustomize.Overlay(overlay).Workload(Manifest.Silo).Containers.Single();
        var variable = container["env"]!.AsArray().Single(v => Manifest.Str(v!["name"]) == "Silo__AdvertisedAddress")!;

        Assert.Equal("status.podIP", Manifest.Str(variable["valueFrom"]?["fieldRef"]?["fieldPath"]));
        Assert.Equal(AppConfig.PodIp, Options(overlay).Silo.AdvertisedAddress);
    }

    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Silo_container_ports_are_the_ports_the_silo_binds(string overlay)
    {
        var container = Kustomize.Overlay(overlay).Workload(Manifest.Silo).Containers.Single();
        var silo = Options(overlay).Silo;

        Assert.Equal(silo.SiloPort, ProbeTests.PortNumber(container, "silo"));
        Assert.Equal(silo.GatewayPort, ProbeTests.PortNumber(container, "orleans-gw"));
    }

    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Silos_leave_the_schema_to_the_migration_job_which_runs_the_silo_image(string overlay)
    {
        var manifest = Kustomize.Overlay(overlay);
        var job = manifest.Workload(Manifest.Migrate);
        var migrate = job.Containers.Single();

        Assert.False(Options(overlay).Silo.MigrateOnStart);
        Assert.Equal(Manifest.Str(manifest.Workload(Manifest.Silo).Containers.Single()["image"]), Manifest.Str(migrate["image"]));
        Assert.Equal(["migrate"], migrate["args"]!.AsArray().Select(Manifest.Str));
        Assert.Equal("Never", Manifest.Str(job.Pod["restartPolicy"]));
        Assert.NotNull(job.Resource["spec"]!["activeDeadlineSeconds"]);
        Assert.StartsWith("secret:", AppConfig.For(manifest, migrate).GetConnectionString("GoChat"));
    }

    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Gateway_is_reached_through_its_service_and_ingress_on_its_http_port(string overlay)
    {
        var manifest = Kustomize.Overlay(overlay);
        var gateway = manifest.Workload(Manifest.Gateway);
        var service = manifest.Get("Service", Manifest.Gateway);
        var ingress = manifest.Get("Ingress", "gochat");

        Assert.True(Manifest.LabelsMatch(service["spec"]!["selector"]!.AsObject(), gateway.PodLabels));
        var servicePort = service["spec"]!["ports"]!.AsArray().Single()!;
        Assert.Equal(ProbeTests.ListeningPort(manifest, gateway.Containers.Single()), ProbeTests.PortNumber(gateway.Containers.Single(), Manifest.Str(servicePort["targetPort"])!));
        var backend = ingress["spec"]!["rules"]!.AsArray().Single()!["http"]!["paths"]!.AsArray().Single()!["backend"]!["service"]!;
        Assert.Equal(Manifest.Gateway, Manifest.Str(backend["name"]));
        Assert.Equal(Manifest.Str(servicePort["name"]), Manifest.Str(backend["port"]!["name"]));
    }

    /// <summary>Not the appsettings.json fallbacks, which point at a developer's loopback database.</summary>
    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Silos_and_gateways_take_the_database_and_the_signing_key_from_secrets(string overlay)
    {
        var manifest = Kustomize.Overlay(overlay);
        var silo = AppConfig.For(manifest, manifest.Workload(Manifest.Silo).Containers.Single());
        var gateway = AppConfig.For(manifest, manifest.Workload(Manifest.Gateway).Containers.Single());

        Assert.Equal("secret:gochat-db/connection-string", silo.GetConnectionString("GoChat"));
        Assert.Equal("secret:gochat-db/connection-string", gateway.GetConnectionString("GoChat"));
        Assert.StartsWith("secret:", gateway["Auth:SigningKey"]);
    }

    private static (SiloOptions Silo, ClusterClientOptions Gateway) Options(string overlay)
    {
        var manifest = Kustomize.Overlay(overlay);
        return (SiloOptions.From(AppConfig.For(manifest, manifest.Workload(Manifest.Silo).Containers.Single())),
            ClusterClientOptions.From(AppConfig.For(manifest, manifest.Workload(Manifest.Gateway).Containers.Single())));
    }
}
