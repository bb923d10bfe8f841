namespace GoChat.Deploy.Tests;

public sealed class ResourceTests
{
    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Every_container_has_cpu_and_memory_requests_and_limits(string overlay)
    {
        var workloads = Kustomize.Overlay(overlay).Workloads.ToList();
        Assert.Contains(workloads, w => w.Kind == "Job");

        foreach (var workload in workloads)
        foreach (var container in workload.Containers)
        foreach (var resource in new[] { "cpu", "memory" })
        {
            var where = $"{workload} container {Manifest.Str(container["name"])} {resource}";
            var request = Manifest.Str(container["resources"]?["requests"]?[resource]);
            var limit = Manifest.Str(container["resources"]?["limits"]?[resource]);
            Assert.True(request is not null, $"{where}: no request.");
            Assert.True(limit is not null, $"{where}: no limit.");
            Assert.True(Quantity.Parse(request) <= Quantity.Parse(limit), $"{where}: request {request} above limit {limit}.");
        }
    }

    /// <summary>.NET sizes its heap from the memory limit; a request below it invites eviction under pressure.</summary>
    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Silo_and_gateway_memory_is_guaranteed_not_overcommitted(string overlay)
    {
        var manifest = Kustomize.Overlay(overlay);
        foreach (var container in new[] { Manifest.Silo, Manifest.Gateway }.SelectMany(n => manifest.Workload(n).Containers))
        {
            Assert.Equal(Manifest.Str(container["resources"]!["requests"]!["memory"]), Manifest.Str(container["resources"]!["limits"]!["memory"]));
        }
    }

    [Fact]
    public void Prod_gives_silos_and_gateways_more_than_dev()
    {
        foreach (var name in new[] { Manifest.Silo, Manifest.Gateway })
        {
            decimal Request(string overlay, string resource) =>
                Quantity.Parse(Manifest.Str(Kustomize.Overlay(overlay).Workload(name).Containers.Single()["resources"]!["requests"]![resource])!);

            Assert.True(Request("prod", "cpu") > Request("dev", "cpu"), $"{name} cpu");
            Assert.True(Request("prod", "memory") > Request("dev", "memory"), $"{name} memory");
        }
    }
}
