namespace GoChat.Deploy.Tests;

public sealed class RenderingTests
{
    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Overlay_renders_silos_gateways_and_the_schema_job(string overlay)
    {
        var manifest = Kustomize.Overlay(overlay);

        Assert.Equal("Deployment", manifest.Workload(Manifest.Silo).Kind);
        Assert.Equal("Deployment", manifest.Workload(Manifest.Gateway).Kind);
        Assert.Equal("Job", manifest.Workload(Manifest.Migrate).Kind);
        manifest.Get("Service", Manifest.Gateway);
        manifest.Get("Ingress", "gochat");
    }

    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Everything_lands_in_the_overlays_namespace_which_enforces_the_restricted_pod_standard(string overlay)
    {
        var manifest = Kustomize.Overlay(overlay);
        var ns = Assert.Single(manifest.OfKind("Namespace"));
        var name = Manifest.Str(ns["metadata"]!["name"]);

        Assert.Equal("restricted", Manifest.Str(ns["metadata"]!["labels"]?["pod-security.kubernetes.io/enforce"]));
        Assert.All(manifest.Resources.Where(r => Manifest.Str(r["kind"]) != "Namespace"),
            r => Assert.Equal(name, Manifest.Str(r["metadata"]!["namespace"])));
    }

    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Every_image_comes_from_a_registry_with_a_pinned_tag(string overlay)
    {
        var images = Kustomize.Overlay(overlay).Workloads.SelectMany(w => w.Containers).Select(c => Manifest.Str(c["image"])!).ToList();

        Assert.NotEmpty(images);
        Assert.All(images, image =>
        {
            Assert.Contains('/', image);
            var tag = image[(image.LastIndexOf('/') + 1)..].Split(':', '@');
            Assert.True(tag.Length == 2 && tag[1] != "latest", $"{image} has no pinned tag.");
        });
    }

    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Grafana_finds_the_dashboard_ConfigMap(string overlay)
    {
        var map = Kustomize.Overlay(overlay).Get("ConfigMap", "gochat-dashboard");

        Assert.Equal("1", Manifest.Str(map["metadata"]!["labels"]?["grafana_dashboard"]));
        var dashboard = JsonNode.Parse(Manifest.Str(map["data"]!["gochat.json"])!)!;
        Assert.False(string.IsNullOrWhiteSpace(dashboard["title"]?.GetValue<string>()));
    }
}
