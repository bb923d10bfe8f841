using System.Text.Json;
using System.Text.Json.Nodes;

namespace GoChat.Secret.Tests.Vectors;

/// <summary>Where secret/vectors/v1.json lives, in the source tree (to write) and beside the tests (to read).</summary>
internal static class VectorFile
{
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject Load() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "vectors", "v1.json")))!.AsObject();

    public static string SourcePath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "GoChat.Orleans.sln")))
                return Path.Combine(dir.FullName, "secret", "vectors", "v1.json");
        throw new InvalidOperationException("repository root not found");
    }
}
