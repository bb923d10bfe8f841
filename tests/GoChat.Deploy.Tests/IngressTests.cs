namespace GoChat.Deploy.Tests;

public sealed class IngressTests
{
    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Ingress_keeps_idle_WebSockets_open_for_an_hour_both_ways(string overlay)
    {
        var annotations = Kustomize.Overlay(overlay).Get("Ingress", "gochat")["metadata"]!["annotations"]!;

        foreach (var timeout in new[] { "proxy-read-timeout", "proxy-send-timeout" })
        {
            var seconds = Manifest.Str(annotations[$"nginx.ingress.kubernetes.io/{timeout}"]);
            Assert.True(seconds is not null && int.Parse(seconds) >= 3600, $"{timeout} is {seconds ?? "nginx's default of 60 s"}.");
        }
    }

    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Ingress_serves_its_host_over_tls(string overlay)
    {
        var spec = Kustomize.Overlay(overlay).Get("Ingress", "gochat")["spec"]!;
        var host = Manifest.Str(spec["rules"]!.AsArray().Single()!["host"]);

        Assert.Equal("nginx", Manifest.Str(spec["ingressClassName"]));
        Assert.Contains(host, spec["tls"]!.AsArray().SelectMany(t => t!["hosts"]!.AsArray()).Select(Manifest.Str));
    }

    /// <summary>The gateway trusts X-Forwarded-For (per-IP limits), which is safe only behind the controller.</summary>
    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Gateway_takes_client_addresses_from_the_ingress_controller(string overlay)
    {
        var manifest = Kustomize.Overlay(overlay);
        var env = AppConfig.Environment(manifest, manifest.Workload(Manifest.Gateway).Containers.Single());
        Assert.Equal("true", env.GetValueOrDefault("ASPNETCORE_FORWARDEDHEADERS_ENABLED"));
    }
}
