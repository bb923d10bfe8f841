using System.Collections.Concurrent;
using System.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace GoChat.Deploy.Tests;

/// <summary>Renders an overlay with `kubectl kustomize`, exactly what `kubectl apply -k` would send.</summary>
public static class Kustomize
{
    public static readonly TheoryData<string> Overlays = new() { "dev", "prod" };

    private static readonly ConcurrentDictionary<string, Lazy<Manifest>> Rendered = new();

    public static Manifest Overlay(string name) =>
        Rendered.GetOrAdd(name, n => new Lazy<Manifest>(() => new Manifest(Parse(Render(Repo.PathOf("k8s", "overlays", n)))))).Value;

    public static string Render(string directory)
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("These tests need kubectl (with kustomize 5) on PATH.", e);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2))) process.Kill();
            if (process.ExitCode != 0) throw new InvalidOperationException($"kubectl kustomize {directory} failed: {stderr.Result}");
            return stdout;
        }
    }

    /// <summary>Every document as JSON; scalars stay strings, as YAML wrote them (see <see cref="Manifest.Int"/>).</summary>
    public static List<JsonObject> Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Select(d => ToJson(d.RootNode)).OfType<JsonObject>().ToList();
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Value: null or "null" or "~" } scalar when scalar.Style == YamlDotNet.Core.ScalarStyle.Plain => null,
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => throw new NotSupportedException(node.NodeType.ToString()),
    };
}
