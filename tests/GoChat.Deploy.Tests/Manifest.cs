namespace GoChat.Deploy.Tests;

/// <summary>One rendered overlay: every resource, and its workloads' pod templates.</summary>
public sealed class Manifest(IReadOnlyList<JsonObject> resources)
{
    public const string Silo = "gochat-silo";
    public const string Gateway = "gochat-gateway";
    public const string Migrate = "gochat-migrate";

    public IReadOnlyList<JsonObject> Resources => resources;

    public IEnumerable<JsonObject> OfKind(string kind) => resources.Where(r => Str(r["kind"]) == kind);

    public JsonObject? Find(string kind, string name) => OfKind(kind).SingleOrDefault(r => Str(r["metadata"]?["name"]) == name);

    public JsonObject Get(string kind, string name) =>
        Find(kind, name) ?? throw new Xunit.Sdk.XunitException($"The overlay renders no {kind} {name}.");

    /// <summary>Everything that runs pods.</summary>
    public IEnumerable<Workload> Workloads =>
        resources.Where(r => Str(r["kind"]) is "Deployment" or "StatefulSet" or "DaemonSet" or "Job").Select(r => new Workload(r));

    public Workload Workload(string name) =>
        Workloads.SingleOrDefault(w => w.Name == name) ?? throw new Xunit.Sdk.XunitException($"The overlay renders no workload {name}.");

    /// <summary>The fewest pods a workload runs: its replicas, or its autoscaler's floor when one owns it.</summary>
    public int MinimumReplicas(Workload workload)
    {
        var hpa = OfKind("HorizontalPodAutoscaler").SingleOrDefault(h =>
            Str(h["spec"]?["scaleTargetRef"]?["kind"]) == workload.Kind && Str(h["spec"]?["scaleTargetRef"]?["name"]) == workload.Name);
        return hpa is null ? workload.Replicas : Int(hpa["spec"]?["minReplicas"] ?? "1");
    }

    public string ConfigMapValue(string name, string key) =>
        Str(Get("ConfigMap", name)["data"]?[key]) ?? throw new Xunit.Sdk.XunitException($"ConfigMap {name} has no key {key}.");

    public static string? Str(JsonNode? node) => node?.GetValue<string>();

    public static int Int(JsonNode? node) => int.Parse(Str(node) ?? throw new ArgumentNullException(nameof(node)), System.Globalization.CultureInfo.InvariantCulture);

    public static bool LabelsMatch(JsonObject? selector, JsonObject? labels) =>
        selector is not null && selector.All(s => Str(labels?[s.Key]) == Str(s.Value));
}

public sealed class Workload(JsonObject resource)
{
    public JsonObject Resource => resource;
    public string Kind => Manifest.Str(resource["kind"])!;
    public string Name => Manifest.Str(resource["metadata"]!["name"])!;
    public JsonObject Pod => resource["spec"]!["template"]!["spec"]!.AsObject();
    public JsonObject PodLabels => resource["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();

    /// <summary>A Deployment without replicas runs one until its autoscaler says otherwise.</summary>
    public int Replicas => resource["spec"]?["replicas"] is { } r ? Manifest.Int(r) : 1;

    public IEnumerable<JsonObject> Containers =>
        new[] { "initContainers", "containers" }.SelectMany(k => Pod[k]?.AsArray() ?? []).Select(c => c!.AsObject());

    public JsonObject Container(string name) => Containers.Single(c => Manifest.Str(c["name"]) == name);

    public override string ToString() => $"{Kind} {Name}";
}
