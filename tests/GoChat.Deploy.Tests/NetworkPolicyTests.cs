namespace GoChat.Deploy.Tests;

public sealed class NetworkPolicyTests
{
    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Every_pod_is_held_to_a_policy_for_what_it_sends_and_silos_and_gateways_for_what_they_accept(string overlay)
    {
        var manifest = Kustomize.Overlay(overlay);
        foreach (var workload in manifest.Workloads)
        {
            Assert.True(Policies(manifest, workload, "Egress").Any(), $"{workload}: no egress policy.");
        }
        foreach (var name in new[] { Manifest.Silo, Manifest.Gateway })
        {
            Assert.True(Policies(manifest, manifest.Workload(name), "Ingress").Any(), $"{name}: no ingress policy.");
        }
    }

    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Gateway_admits_only_the_ingress_controller_and_only_on_its_http_port(string overlay)
    {
        var manifest = Kustomize.Overlay(overlay);
        var gateway = manifest.Workload(Manifest.Gateway);
        var rules = Rules(manifest, gateway, "Ingress", "from").ToList();

        Assert.NotEmpty(rules);
        foreach (var (peers, ports) in rules)
        {
            var peer = Assert.Single(peers);
            Assert.Null(peer["podSelector"]);
            Assert.Null(peer["ipBlock"]);
            Assert.Equal("ingress-nginx", Manifest.Str(peer["namespaceSelector"]?["matchLabels"]?["kubernetes.io/metadata.name"]));
            Assert.Equal([ProbeTests.ListeningPort(manifest, gateway.Containers.Single())], ports.Select(p => Resolve(gateway, p)));
        }
    }

    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Silo_ports_admit_only_silos_and_gateways(string overlay)
    {
        var manifest = Kustomize.Overlay(overlay);
        var silo = manifest.Workload(Manifest.Silo);
        var allowed = new Dictionary<string, int>
        {
            [Manifest.Silo] = ProbeTests.PortNumber(silo.Containers.Single(), "silo"),
            [Manifest.Gateway] = ProbeTests.PortNumber(silo.Containers.Single(), "orleans-gw"),
        };
        var rules = Rules(manifest, silo, "Ingress", "from").ToList();

        Assert.NotEmpty(rules);
        foreach (var (peers, ports) in rules)
        {
            Assert.NotEmpty(peers);
            Assert.NotEmpty(ports);
            foreach (var peer in peers)
            {
                Assert.Null(peer["namespaceSelector"]);
                Assert.Null(peer["ipBlock"]);
                var from = Assert.Single(allowed.Keys, n => Manifest.LabelsMatch(peer["podSelector"]?["matchLabels"]?.AsObject(), manifest.Workload(n).PodLabels));
                Assert.All(ports, p => Assert.Equal(allowed[from], Resolve(silo, p)));
            }
        }
        // Both kinds of peer do get in.
        Assert.Equal(allowed.Count, rules.SelectMany(r => r.Peers).Select(p => p["podSelector"]?.ToJsonString()).Distinct().Count());
    }

    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Every_pod_may_reach_DNS_and_PostgreSQL(string overlay)
    {
        var manifest = Kustomize.Overlay(overlay);
        foreach (var workload in manifest.Workloads)
        {
            var ports = Rules(manifest, workload, "Egress", "to").SelectMany(r => r.Ports)
                .Select(p => (Port: Manifest.Str(p["port"]), Protocol: Manifest.Str(p["protocol"]) ?? "TCP")).ToList();
            Assert.Contains(("53", "UDP"), ports);
            Assert.Contains(("5432", "TCP"), ports);
        }
    }

    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Gateways_may_reach_the_silo_gateway_port_and_silos_each_other(string overlay)
    {
        var manifest = Kustomize.Overlay(overlay);
        var silo = manifest.Workload(Manifest.Silo);

        Assert.Contains(ProbeTests.PortNumber(silo.Containers.Single(), "orleans-gw"), EgressPortsTo(manifest, manifest.Workload(Manifest.Gateway), silo));
        Assert.Contains(ProbeTests.PortNumber(silo.Containers.Single(), "silo"), EgressPortsTo(manifest, silo, silo));
    }

    [Fact]
    public void Prod_reaches_PostgreSQL_only_in_its_own_address_range()
    {
        var manifest = Kustomize.Overlay("prod");
        foreach (var workload in manifest.Workloads)
        {
            var blocks = Rules(manifest, workload, "Egress", "to")
                .Where(r => r.Ports.Any(p => Manifest.Str(p["port"]) == "5432"))
                .SelectMany(r => r.Peers).Select(p => Manifest.Str(p["ipBlock"]?["cidr"])).ToList();
            Assert.NotEmpty(blocks);
            Assert.DoesNotContain("0.0.0.0/0", blocks);
        }
    }

    private static IEnumerable<JsonObject> Policies(Manifest manifest, Workload workload, string type) =>
        manifest.OfKind("NetworkPolicy").Where(p =>
            (p["spec"]!["policyTypes"]?.AsArray().Select(Manifest.Str).Contains(type) ?? false)
            && Manifest.LabelsMatch(p["spec"]!["podSelector"]?["matchLabels"]?.AsObject() ?? [], workload.PodLabels));

    /// <summary>Every rule of the given direction that applies to the workload; a rule with no peers admits everyone.</summary>
    private static IEnumerable<(List<JsonObject> Peers, List<JsonObject> Ports)> Rules(Manifest manifest, Workload workload, string type, string peers) =>
        Policies(manifest, workload, type).SelectMany(p => p["spec"]![type.ToLowerInvariant()]?.AsArray() ?? [])
            .Select(r => (r![peers]?.AsArray().Select(x => x!.AsObject()).ToList() ?? [], r["ports"]?.AsArray().Select(x => x!.AsObject()).ToList() ?? []));

    private static IEnumerable<int> EgressPortsTo(Manifest manifest, Workload from, Workload to) =>
        Rules(manifest, from, "Egress", "to")
            .Where(r => r.Peers.Any(p => p["namespaceSelector"] is null && Manifest.LabelsMatch(p["podSelector"]?["matchLabels"]?.AsObject(), to.PodLabels)))
            .SelectMany(r => r.Ports).Select(p => Resolve(to, p));

    /// <summary>A policy port by number, or by the name of a port on the pod it reaches.</summary>
    private static int Resolve(Workload pod, JsonObject port)
    {
        var value = Manifest.Str(port["port"])!;
        return int.TryParse(value, out var number) ? number : ProbeTests.PortNumber(pod.Containers.Single(), value);
    }
}
