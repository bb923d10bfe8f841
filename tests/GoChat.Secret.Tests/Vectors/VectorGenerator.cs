using System.Text.Json.Nodes;

namespace GoChat.Secret.Tests.Vectors;

/// <summary>
/// Rewrites secret/vectors/v1.json. Runs only on demand (GOCHAT_WRITE_VECTORS=1 dotnet test --filter
/// Regenerate_vector_file), because the file is the contract with the web client: it changes only together with
/// the spec's version, never as a side effect of a test run.
/// </summary>
public sealed class VectorGenerator
{
    [Fact]
    public void Regenerate_vector_file()
    {
        if (Environment.GetEnvironmentVariable("GOCHAT_WRITE_VECTORS") != "1")
            return;
        var inputs = VectorInputs.Create();
        var file = new JsonObject
        {
            ["about"] = "GoChat secret chats, wire version 1: known answers for docs/secret-chats/protocol.md. All bytes are lowercase hex. "
                        + "Signatures (every field named \"signature\") are randomized ECDSA: verify them, do not compare them.",
            ["version"] = 1,
            ["inputs"] = inputs,
            ["expected"] = VectorRun.Execute(inputs),
        };
        var path = VectorFile.SourcePath();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, file.ToJsonString(VectorFile.Indented) + "\n");
    }
}
