namespace GoChat.Deploy.Tests;

public sealed class SecurityTests
{
    private static readonly string[] SecretWords = ["password", "secret", "signingkey", "connectionstrings", "token", "apikey"];

    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Every_container_runs_as_non_root_on_a_read_only_root_without_capabilities(string overlay)
    {
        foreach (var workload in Kustomize.Overlay(overlay).Workloads)
        {
            var pod = workload.Pod["securityContext"];
            Assert.True(Manifest.Str(pod?["runAsNonRoot"]) == "true", $"{workload}: runAsNonRoot");
            Assert.Equal("RuntimeDefault", Manifest.Str(pod?["seccompProfile"]?["type"]));
            foreach (var container in workload.Containers)
            {
                var security = container["securityContext"];
                var where = $"{workload} container {Manifest.Str(container["name"])}";
                Assert.True(Manifest.Str(security?["allowPrivilegeEscalation"]) == "false", $"{where}: allowPrivilegeEscalation");
                Assert.True(Manifest.Str(security?["readOnlyRootFilesystem"]) == "true", $"{where}: readOnlyRootFilesystem");
                Assert.Contains("ALL", security?["capabilities"]?["drop"]?.AsArray().Select(Manifest.Str) ?? []);
            }
        }
    }

    /// <summary>GoChat never calls the Kubernetes API, so a stolen pod has no token to use against it.</summary>
    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void No_pod_mounts_a_service_account_token(string overlay)
    {
        Assert.All(Kustomize.Overlay(overlay).Workloads, w => Assert.Equal("false", Manifest.Str(w.Pod["automountServiceAccountToken"])));
    }

    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Secrets_are_only_referenced_never_rendered(string overlay)
    {
        var manifest = Kustomize.Overlay(overlay);

        Assert.Empty(manifest.OfKind("Secret"));
        foreach (var workload in manifest.Workloads)
        foreach (var variable in workload.Containers.SelectMany(c => c["env"]?.AsArray() ?? []))
        {
            var name = Manifest.Str(variable!["name"])!;
            if (IsSecretLike(name)) Assert.True(variable["valueFrom"]?["secretKeyRef"] is not null, $"{workload}: {name} must come from a Secret.");
        }
        foreach (var map in manifest.OfKind("ConfigMap"))
        {
            Assert.All(map["data"]?.AsObject().Select(d => d.Key) ?? [], key => Assert.False(IsSecretLike(key), $"ConfigMap key {key} looks secret."));
        }
    }

    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Every_referenced_secret_is_described_in_the_operations_guide(string overlay)
    {
        var guide = File.ReadAllText(Repo.PathOf("docs", "operations.md"));
        var manifest = Kustomize.Overlay(overlay);
        var secrets = manifest.Workloads.SelectMany(w => w.Containers).SelectMany(c => c["env"]?.AsArray() ?? [])
            .Select(v => Manifest.Str(v!["valueFrom"]?["secretKeyRef"]?["name"]))
            .Concat(manifest.OfKind("Ingress").SelectMany(i => i["spec"]!["tls"]?.AsArray() ?? []).Select(t => Manifest.Str(t!["secretName"])))
            .OfType<string>().Distinct().ToList();

        Assert.NotEmpty(secrets);
        Assert.All(secrets, s => Assert.Contains(s, guide));
    }

    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Silos_take_the_Web_Push_key_pair_from_an_optional_secret(string overlay)
    {
        var silo = Kustomize.Overlay(overlay).Workload(Manifest.Silo).Containers.Single();
        var env = (silo["env"]?.AsArray() ?? []).ToDictionary(v => Manifest.Str(v!["name"])!, v => v!["valueFrom"]?["secretKeyRef"]);

        foreach (var (variable, key) in new[] { ("WebPush__PublicKey", "public-key"), ("WebPush__PrivateKey", "private-key") })
        {
            var reference = env.GetValueOrDefault(variable);
            Assert.True(reference is not null, $"{variable} must come from the gochat-webpush Secret.");
            Assert.Equal(("gochat-webpush", key), (Manifest.Str(reference!["name"]), Manifest.Str(reference["key"])));
            // An agency that never opts in needs no key pair: the silo must start without the Secret.
            Assert.Equal("true", reference["optional"]?.ToString());
        }
    }

    private static bool IsSecretLike(string name)
    {
        var flat = name.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
        return SecretWords.Any(flat.Contains);
    }
}
