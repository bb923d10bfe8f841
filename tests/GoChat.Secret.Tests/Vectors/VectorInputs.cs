using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace GoChat.Secret.Tests.Vectors;

/// <summary>
/// The fixed inputs of secret/vectors/v1.json: every private key and "random" value, derived from labels so the
/// file can be regenerated without keeping a seed anywhere else, and the script of the ratchet run.
/// </summary>
internal static class VectorInputs
{
    public static JsonObject Create() => new()
    {
        ["alice"] = new JsonObject
        {
            ["userId"] = "alice@agency.gov.my",
            ["identityAgreementPrivate"] = Scalar("alice identity agreement"),
            ["identitySigningPrivate"] = Scalar("alice identity signing"),
        },
        ["bob"] = new JsonObject
        {
            ["userId"] = "bob@agency.gov.my",
            ["identityAgreementPrivate"] = Scalar("bob identity agreement"),
            ["identitySigningPrivate"] = Scalar("bob identity signing"),
            ["signedPreKeyPrivate"] = Scalar("bob signed prekey"),
            ["lastResortPreKeyPrivate"] = Scalar("bob last-resort prekey"),
            ["oneTimePreKeyPrivate"] = Scalar("bob one-time prekey"),
        },
        ["x3dh"] = new JsonArray(
            X3dhCase("with one-time prekey", "oneTime"),
            X3dhCase("without one-time prekey", "none"),
            X3dhCase("with last-resort prekey", "lastResort")),
        ["ratchet"] = new JsonObject
        {
            ["ephemeralPrivate"] = Scalar("ratchet run ephemeral"),
            ["aliceRatchetPrivates"] = new JsonArray(Scalar("alice ratchet 0"), Scalar("alice ratchet 1"), Scalar("alice ratchet 2")),
            ["bobRatchetPrivates"] = new JsonArray(Scalar("bob ratchet 0"), Scalar("bob ratchet 1")),
            ["script"] = new JsonArray(
                Send("alice", "a0", "Hello Bob, this is a secret chat."),
                Send("alice", "a1", "Second message before any reply."),
                Receive("bob", "a0"),
                Receive("bob", "a1"),
                Send("bob", "b0", "Hi Alice."),
                Send("bob", "b1", "Did you get my first one?"),
                Send("bob", "b2", "Third, to arrive first."),
                Receive("alice", "b2"),
                Receive("alice", "b0"),
                Receive("alice", "b1"),
                Send("alice", "a2", "All three arrived, out of order."),
                Receive("bob", "a2"),
                Send("alice", "a3", "This one is lost."),
                Send("alice", "a4", "This one arrives."),
                Receive("bob", "a4"),
                Send("bob", "b3", "Got a4; a3 may still come."),
                Receive("alice", "b3")),
        },
        ["senderKey"] = new JsonObject
        {
            ["senderDevice"] = "alice@agency.gov.my/1",
            ["chainId"] = Bytes("sender key chain id", 16),
            ["chainKey"] = Bytes("sender key chain key", 32),
            ["signingPrivate"] = Scalar("sender key signing"),
            ["plaintexts"] = new JsonArray("Group hello.", "Second group message.", "Third group message."),
            ["deliveryOrder"] = new JsonArray(2, 0, 1),
        },
    };

    private static JsonObject X3dhCase(string name, string kind) => new()
    {
        ["name"] = name,
        ["oneTimeKeyKind"] = kind,
        ["ephemeralPrivate"] = Scalar("x3dh ephemeral " + kind),
    };

    private static JsonObject Send(string party, string id, string text) =>
        new() { ["party"] = party, ["action"] = "encrypt", ["id"] = id, ["plaintext"] = text };

    private static JsonObject Receive(string party, string id) =>
        new() { ["party"] = party, ["action"] = "decrypt", ["id"] = id };

    /// <summary>SHA-256 of a label; below the P-256 order for every label used here (import would refuse it otherwise).</summary>
    private static string Scalar(string label) => Bytes(label, 32);

    private static string Bytes(string label, int length) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("GoChat vectors v1: " + label))[..length]);
}
