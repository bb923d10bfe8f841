using System.Text;
using System.Text.Json.Nodes;
using GoChat.Secret.Devices;
using GoChat.Secret.Primitives;
using GoChat.Secret.Sessions;
using GoChat.Secret.Wire;
using static GoChat.Secret.Tests.Vectors.VectorRun;

namespace GoChat.Secret.Tests.Vectors;

/// <summary>
/// The scripted Double Ratchet run of the vector file: Alice starts with Bob's bundle (one-time prekey
/// included), then each script line is one encrypt or decrypt; every line records the keys a second
/// implementation must arrive at, before and after.
/// </summary>
internal sealed class RatchetRun(JsonNode input, DeviceIdentity alice, DeviceIdentity bob, DevicePreKeys bobPreKeys)
{
    private readonly ScriptedEntropy _bobEntropy = new(input["bobRatchetPrivates"]!.AsArray().Select(Hex));
    private readonly Dictionary<string, byte[]> _sent = [];
    private readonly Dictionary<string, string> _plaintexts = [];
    private RatchetSession _alice = null!;
    private RatchetSession? _bob;

    public JsonObject Execute()
    {
        var aliceEntropy = new ScriptedEntropy(
            new[] { Hex(input["ephemeralPrivate"]) }.Concat(input["aliceRatchetPrivates"]!.AsArray().Select(Hex)));
        _alice = RatchetSession.Initiate(alice, bobPreKeys.Bundle(bob), aliceEntropy);
        var initial = StateOf(_alice);
        var steps = new JsonArray();
        foreach (var line in input["script"]!.AsArray())
            steps.Add((string)line!["action"]! == "encrypt" ? Encrypt(line) : Decrypt(line));
        if (aliceEntropy.RemainingScalars != 0 || _bobEntropy.RemainingScalars != 0)
            throw new InvalidOperationException("the script does not use every ratchet key it lists");
        return new JsonObject
        {
            ["aliceAfterInitiate"] = initial,
            ["steps"] = steps,
        };
    }

    private JsonObject Encrypt(JsonNode line)
    {
        var id = (string)line["id"]!;
        var session = Party(line);
        var chainKey = session.State.SendingChainKey!.ToArray();
        var messageKey = Kdf.Chain(chainKey).MessageKey;
        var keys = Kdf.ExpandMessageKey(messageKey, Kdf.RatchetMessageInfo);
        var text = (string)line["plaintext"]!;
        var wire = session.Encrypt(Encoding.UTF8.GetBytes(text));
        _sent[id] = wire;
        _plaintexts[id] = text;
        var message = WireFormat.PeekType(wire) == MessageType.PreKey
            ? WireFormat.DecodePreKey(wire).Message
            : WireFormat.DecodeRatchet(wire);
        return new JsonObject
        {
            ["party"] = (string)line["party"]!,
            ["action"] = "encrypt",
            ["id"] = id,
            ["sendingChainKeyBefore"] = Hex(chainKey),
            ["messageKey"] = Hex(messageKey),
            ["aesKey"] = Hex(keys.Key),
            ["nonce"] = Hex(keys.Nonce),
            ["header"] = Hex(WireFormat.RatchetHeader(message)),
            ["ciphertext"] = Hex(message.Ciphertext),
            ["wire"] = Hex(wire),
            ["after"] = StateOf(session),
        };
    }

    private JsonObject Decrypt(JsonNode line)
    {
        var id = (string)line["id"]!;
        var party = (string)line["party"]!;
        byte[] plaintext;
        if (party == "bob" && _bob is null)
        {
            var accepted = RatchetSession.Accept(bob, bobPreKeys, _sent[id], _bobEntropy);
            (_bob, plaintext) = (accepted.Session, accepted.Plaintext);
        }
        else
        {
            plaintext = Party(line).Decrypt(_sent[id]);
        }
        if (Encoding.UTF8.GetString(plaintext) != _plaintexts[id])
            throw new InvalidOperationException($"{id} decrypted to something else");
        return new JsonObject
        {
            ["party"] = party,
            ["action"] = "decrypt",
            ["id"] = id,
            ["plaintext"] = Encoding.UTF8.GetString(plaintext),
            ["after"] = StateOf(Party(line)),
        };
    }

    private RatchetSession Party(JsonNode line) => (string)line["party"]! == "alice" ? _alice : _bob!;

    private static JsonObject StateOf(RatchetSession session)
    {
        var state = session.State;
        return new JsonObject
        {
            ["rootKey"] = Hex(state.RootKey),
            ["sendingRatchetPublic"] = Hex(state.SendingRatchetPublic),
            ["sendingChainKey"] = state.SendingChainKey is null ? null : Hex(state.SendingChainKey),
            ["receivingChainKey"] = state.ReceivingChainKey is null ? null : Hex(state.ReceivingChainKey),
            ["sendCount"] = state.SendCount,
            ["receiveCount"] = state.ReceiveCount,
            ["previousSendCount"] = state.PreviousSendCount,
            ["skippedKeys"] = state.SkippedKeys.Count,
        };
    }
}
