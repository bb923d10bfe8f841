using System.Text.Json.Nodes;
using GoChat.Secret.Keys;
using static GoChat.Secret.Tests.Vectors.VectorRun;

namespace GoChat.Secret.Tests.Vectors;

/// <summary>
/// Runs the protocol from the inputs in secret/vectors/v1.json and checks every value it lists, one test per
/// protocol step; the web client's tests read the same file. Signatures are verified instead of compared.
/// </summary>
public sealed class KnownAnswerTests
{
    private static readonly Lazy<(JsonObject Expected, JsonObject Actual)> Run = new(() =>
    {
        var file = VectorFile.Load();
        return (file["expected"]!.AsObject(), VectorRun.Execute(file["inputs"]!.AsObject()));
    });

    [Fact]
    public void Vector_file_is_wire_version_1() => Assert.Equal(1, (int)VectorFile.Load()["version"]!);

    [Theory]
    [InlineData("alice")]
    [InlineData("bob")]
    public void Device_keys_match_the_known_answers(string section) => AssertSection(section);

    [Fact]
    public void X3dh_with_and_without_one_time_prekey_matches_the_known_answers() => AssertSection("x3dh");

    [Fact]
    public void Ratchet_run_both_ways_with_out_of_order_and_lost_messages_matches_the_known_answers() => AssertSection("ratchet");

    [Fact]
    public void Sender_key_run_matches_the_known_answers() => AssertSection("senderKey");

    [Fact]
    public void Safety_number_matches_the_known_answer() => AssertSection("safetyNumber");

    [Fact]
    public void Listed_signatures_verify_and_the_tampered_one_fails()
    {
        var signatures = Run.Value.Expected["signatures"]!.AsArray();
        Assert.Contains(signatures, s => !(bool)s!["valid"]!);
        foreach (var entry in signatures)
            Assert.True((bool)entry!["valid"]! == SigningKeyPair.Verify(Hex(entry["publicKey"]), Hex(entry["message"]), Hex(entry["signature"])),
                (string)entry["name"]!);
        AssertSection("signatures");
    }

    [Fact]
    public void Prekey_and_sender_key_signatures_in_the_file_verify()
    {
        var bob = Run.Value.Expected["bob"]!;
        foreach (var key in new[] { "signedPreKey", "lastResortPreKey" })
            Assert.True(SigningKeyPair.Verify(Hex(bob["identitySigningPublic"]), Hex(bob[key]!["signedBytes"]), Hex(bob[key]!["signature"])), key);
        var senderKey = Run.Value.Expected["senderKey"]!;
        foreach (var message in senderKey["messages"]!.AsArray())
            Assert.True(SigningKeyPair.Verify(Hex(senderKey["signingPublic"]), Hex(message!["signedPart"]), Hex(message["signature"])));
    }

    private static void AssertSection(string name)
    {
        var differences = new List<string>();
        Compare(name, Run.Value.Expected[name], Run.Value.Actual[name], differences);
        Assert.True(differences.Count == 0, string.Join("\n", differences.Take(20)));
    }

    /// <summary>Every field the file lists must be reproduced, except signatures; and nothing may be missing from the file.</summary>
    private static void Compare(string path, JsonNode? expected, JsonNode? actual, List<string> differences)
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var key in e.Select(p => p.Key).Union(a.Select(p => p.Key)).Where(k => k != "signature"))
                    Compare($"{path}.{key}", e[key], a[key], differences);
                break;
            case (JsonArray e, JsonArray a) when e.Count == a.Count:
                for (var i = 0; i < e.Count; i++)
                    Compare($"{path}[{i}]", e[i], a[i], differences);
                break;
            default:
                if (!JsonNode.DeepEquals(expected, actual))
                    differences.Add($"{path}: file has {expected?.ToJsonString() ?? "null"}, run gives {actual?.ToJsonString() ?? "null"}");
                break;
        }
    }
}
