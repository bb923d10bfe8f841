namespace GoChat.Deploy.Tests;

public sealed class DisruptionTests
{
    [Theory, MemberData(nameof(ProbeTests.AppsPerOverlay), MemberType = typeof(ProbeTests))]
    public void A_disruption_budget_covers_the_pods(string overlay, string workload)
    {
        var manifest = Kustomize.Overlay(overlay);
        Assert.NotNull(Budget(manifest, manifest.Workload(workload)));
    }

    /// <summary>A drain or node upgrade keeps a pod of each serving, and can still make progress.</summary>
    [Theory]
    [InlineData(Manifest.Silo)]
    [InlineData(Manifest.Gateway)]
    public void Prod_keeps_serving_through_a_drain_that_can_still_proceed(string workload)
    {
        var manifest = Kustomize.Overlay("prod");
        var pods = manifest.Workload(workload);
        var budget = Budget(manifest, pods)!["spec"]!;
        var replicas = manifest.MinimumReplicas(pods);
        var mayLeave = budget["maxUnavailable"] is { } max ? Manifest.Int(max) : replicas - Manifest.Int(budget["minAvailable"]);

        Assert.True(replicas - mayLeave >= 1, $"{workload}: {replicas} pods, {mayLeave} may leave at once.");
        Assert.True(mayLeave >= 1, $"{workload}: the budget blocks every eviction.");
    }

    [Fact]
    public void Prod_runs_at_least_three_silos_and_two_gateways()
    {
        var manifest = Kustomize.Overlay("prod");
        Assert.True(manifest.MinimumReplicas(manifest.Workload(Manifest.Silo)) >= 3);
        Assert.True(manifest.MinimumReplicas(manifest.Workload(Manifest.Gateway)) >= 2);
    }

    [Fact]
    public void Dev_runs_one_of_each()
    {
        var manifest = Kustomize.Overlay("dev");
        Assert.Equal(1, manifest.MinimumReplicas(manifest.Workload(Manifest.Silo)));
        Assert.Equal(1, manifest.MinimumReplicas(manifest.Workload(Manifest.Gateway)));
    }

    [Theory, MemberData(nameof(ProbeTests.AppsPerOverlay), MemberType = typeof(ProbeTests))]
    public void Rolling_updates_start_the_successor_before_stopping_a_pod(string overlay, string workload)
    {
        var update = Kustomize.Overlay(overlay).Workload(workload).Resource["spec"]!["strategy"]!;
        Assert.Equal("RollingUpdate", Manifest.Str(update["type"]));
        Assert.Equal("0", Manifest.Str(update["rollingUpdate"]!["maxUnavailable"]));
    }

    /// <summary>A replicas field beside an autoscaler would be reset by every apply.</summary>
    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void The_autoscaler_alone_sizes_the_gateway_deployment(string overlay)
    {
        var manifest = Kustomize.Overlay(overlay);
        var hpa = Assert.Single(manifest.OfKind("HorizontalPodAutoscaler"))["spec"]!;
        var gateway = manifest.Workload(Manifest.Gateway);

        Assert.Equal("Deployment", Manifest.Str(hpa["scaleTargetRef"]!["kind"]));
        Assert.Equal(Manifest.Gateway, Manifest.Str(hpa["scaleTargetRef"]!["name"]));
        Assert.Null(gateway.Resource["spec"]!["replicas"]);
        Assert.InRange(Manifest.Int(hpa["minReplicas"]), 1, Manifest.Int(hpa["maxReplicas"]));
        Assert.All(gateway.Containers, c => Assert.NotNull(c["resources"]?["requests"]?["cpu"]));
    }

    private static JsonObject? Budget(Manifest manifest, Workload workload) =>
        manifest.OfKind("PodDisruptionBudget").SingleOrDefault(b => Manifest.LabelsMatch(b["spec"]!["selector"]!["matchLabels"]!.AsObject(), workload.PodLabels));
}
