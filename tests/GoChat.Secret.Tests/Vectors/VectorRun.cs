using System.Text;
using System.Text.Json.Nodes;
using GoChat.Secret.Devices;
using GoChat.Secret.Groups;
using GoChat.Secret.Keys;
using GoChat.Secret.Primitives;
using GoChat.Secret.Sessions;
using GoChat.Secret.Wire;

namespace GoChat.Secret.Tests.Vectors;

/// <summary>
/// Runs every step of the vector file from its inputs and writes down each value a second implementation must
/// reproduce. The generator saves what this returns; the known-answer test compares it with the saved file.
/// Signatures are randomized, so they are returned for verification, never for comparison.
/// </summary>
internal static class VectorRun
{
    public static JsonObject Execute(JsonObject inputs)
    {
        var alice = Identity(inputs["alice"]!);
        var bob = Identity(inputs["bob"]!);
        var bobInputs = inputs["bob"]!;
        var bobPreKeys = DevicePreKeys.Create(bob, 1, new ScriptedEntropy([
            Hex(bobInputs["signedPreKeyPrivate"]), Hex(bobInputs["lastResortPreKeyPrivate"]), Hex(bobInputs["oneTimePreKeyPrivate"])]));

        var signedPreKey = bobPreKeys.CurrentSignedPreKey;
        var lastResort = bobPreKeys.LastResortPreKey;
        var oneTime = bobPreKeys.OneTimePreKeys[0];
        return new JsonObject
        {
            ["alice"] = PublicIdentity(alice),
            ["bob"] = new JsonObject
            {
                ["identityAgreementPublic"] = Hex(bob.PublicKeys.AgreementKey),
                ["identitySigningPublic"] = Hex(bob.PublicKeys.SigningKey),
                ["signedPreKey"] = new JsonObject
                {
                    ["id"] = signedPreKey.Id,
                    ["public"] = Hex(signedPreKey.PublicKey),
                    ["signedBytes"] = Hex(PreKeySignatures.SignedPreKeyMessage(signedPreKey.Id, signedPreKey.PublicKey)),
                    ["signature"] = Hex(signedPreKey.Signature),
                },
                ["lastResortPreKey"] = new JsonObject
                {
                    ["id"] = lastResort.Id,
                    ["public"] = Hex(lastResort.PublicKey),
                    ["signedBytes"] = Hex(PreKeySignatures.LastResortMessage(lastResort.Id, lastResort.PublicKey)),
                    ["signature"] = Hex(lastResort.Signature),
                },
                ["oneTimePreKey"] = new JsonObject { ["id"] = oneTime.Id, ["public"] = Hex(oneTime.PublicKey) },
            },
            ["x3dh"] = new JsonArray(inputs["x3dh"]!.AsArray()
                .Select(c => (JsonNode)X3dhCase(c!, alice, bob, bobPreKeys)).ToArray()),
            ["ratchet"] = new RatchetRun(inputs["ratchet"]!, alice, bob, bobPreKeys).Execute(),
            ["senderKey"] = SenderKeyRun(inputs["senderKey"]!),
            ["safetyNumber"] = SafetyNumberCase(inputs, alice, bob),
            ["signatures"] = Signatures(bob, signedPreKey, lastResort),
            ["publicKeys"] = PublicKeysOf(inputs),
        };
    }

    /// <summary>
    /// The public key of every private scalar in the inputs, keyed by the scalar: WebCrypto imports a private key
    /// only as JWK or PKCS#8, and a JWK wants x and y beside d.
    /// </summary>
    private static JsonObject PublicKeysOf(JsonObject inputs)
    {
        var table = new JsonObject();
        void Walk(JsonNode? node, string? name)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (key, value) in o)
                        Walk(value, key);
                    break;
                case JsonArray a:
                    foreach (var item in a)
                        Walk(item, name);
                    break;
                case JsonValue v when name is not null && name.Contains("Private", StringComparison.Ordinal):
                    var scalar = (string)v!;
                    table[scalar] = Hex(Secret.Keys.P256.PublicKeyOf(Convert.FromHexString(scalar)));
                    break;
            }
        }
        Walk(inputs, null);
        return table;
    }

    private static JsonObject X3dhCase(JsonNode input, DeviceIdentity alice, DeviceIdentity bob, DevicePreKeys bobPreKeys)
    {
        var kind = (string)input["oneTimeKeyKind"]!;
        var bundle = kind switch
        {
            "oneTime" => bobPreKeys.Bundle(bob),
            "lastResort" => bobPreKeys.Bundle(bob, withOneTimePreKey: false),
            _ => bobPreKeys.Bundle(bob) with { OneTimePreKey = null, LastResortPreKey = null },
        };
        using var initiated = X3dh.Initiate(alice, bundle, new ScriptedEntropy([Hex(input["ephemeralPrivate"])]));
        var message = new PreKeyMessage(alice.PublicKeys.AgreementKey, alice.PublicKeys.SigningKey, initiated.EphemeralKey,
            initiated.SignedPreKeyId, initiated.OneTimeKeyKind, initiated.OneTimePreKeyId, new RatchetMessage([], 0, 0, []));
        using var responded = X3dh.Respond(bob, bobPreKeys.FindSignedPreKey(message.SignedPreKeyId),
            bobPreKeys.FindOneTimeKey(message.OneTimeKeyKind, message.OneTimePreKeyId), message);
        if (!responded.SharedSecret.AsSpan().SequenceEqual(initiated.SharedSecret))
            throw new InvalidOperationException("X3DH sides disagree");

        var result = new JsonObject
        {
            ["name"] = input["name"]!.DeepClone(),
            ["ephemeralPublic"] = Hex(initiated.EphemeralKey),
            ["signedPreKeyId"] = initiated.SignedPreKeyId,
            ["oneTimeKeyKind"] = (int)initiated.OneTimeKeyKind,
            ["oneTimePreKeyId"] = initiated.OneTimePreKeyId,
        };
        for (var i = 0; i < initiated.DhOutputs.Count; i++)
            result[$"dh{i + 1}"] = Hex(initiated.DhOutputs[i]);
        result["sharedSecret"] = Hex(initiated.SharedSecret);
        result["associatedData"] = Hex(initiated.AssociatedData);
        return result;
    }

    private static JsonObject SenderKeyRun(JsonNode input)
    {
        var sender = SenderKeyGroup.Create(new ScriptedEntropy(
            [Hex(input["signingPrivate"])], [Hex(input["chainId"]), Hex(input["chainKey"])]));
        var distribution = sender.Distribution();
        var messages = new JsonArray();
        var wires = new List<byte[]>();
        foreach (var text in input["plaintexts"]!.AsArray())
        {
            var chainKey = sender.OwnChain.ChainKey.ToArray();
            var messageKey = Kdf.Chain(chainKey).MessageKey;
            var keys = Kdf.ExpandMessageKey(messageKey, Kdf.SenderKeyMessageInfo);
            var wire = sender.Encrypt(Encoding.UTF8.GetBytes((string)text!));
            var decoded = WireFormat.DecodeSenderKey(wire);
            wires.Add(wire);
            messages.Add(new JsonObject
            {
                ["iteration"] = decoded.Iteration,
                ["chainKey"] = Hex(chainKey),
                ["messageKey"] = Hex(messageKey),
                ["aesKey"] = Hex(keys.Key),
                ["nonce"] = Hex(keys.Nonce),
                ["header"] = Hex(WireFormat.SenderKeyHeader(decoded.ChainId, decoded.Iteration)),
                ["ciphertext"] = Hex(decoded.Ciphertext),
                ["signedPart"] = Hex(WireFormat.SenderKeySignedPart(decoded)),
                ["signature"] = Hex(decoded.Signature),
            });
        }

        var receiver = SenderKeyGroup.Create();
        var senderDevice = (string)input["senderDevice"]!;
        receiver.Accept(senderDevice, distribution);
        var received = new JsonArray();
        foreach (var index in input["deliveryOrder"]!.AsArray().Select(i => (int)i!))
            received.Add(new JsonObject
            {
                ["iteration"] = index,
                ["plaintext"] = Encoding.UTF8.GetString(receiver.Decrypt(senderDevice, wires[index])),
            });
        return new JsonObject
        {
            ["signingPublic"] = Hex(sender.OwnChain.SigningPublic),
            ["distribution"] = Hex(distribution),
            ["messages"] = messages,
            ["received"] = received,
        };
    }

    private static JsonObject SafetyNumberCase(JsonObject inputs, DeviceIdentity alice, DeviceIdentity bob)
    {
        var aliceId = (string)inputs["alice"]!["userId"]!;
        var bobId = (string)inputs["bob"]!["userId"]!;
        var number = SafetyNumber.Compute(aliceId, alice.PublicKeys.SigningKey, bobId, bob.PublicKeys.SigningKey);
        return new JsonObject
        {
            ["aliceHalf"] = SafetyNumber.Half(aliceId, alice.PublicKeys.SigningKey),
            ["bobHalf"] = SafetyNumber.Half(bobId, bob.PublicKeys.SigningKey),
            ["digits"] = number.Digits,
            ["display"] = number.ToString(),
        };
    }

    /// <summary>Signatures to verify with WebCrypto's verify: two that must pass and one, tampered, that must fail.</summary>
    private static JsonArray Signatures(DeviceIdentity bob, SignedPreKey signedPreKey, LastResortPreKey lastResort)
    {
        var signedBytes = PreKeySignatures.SignedPreKeyMessage(signedPreKey.Id, signedPreKey.PublicKey);
        return
        [
            Signature("signed prekey", bob, signedBytes, signedPreKey.Signature, valid: true),
            Signature("last-resort prekey", bob, PreKeySignatures.LastResortMessage(lastResort.Id, lastResort.PublicKey), lastResort.Signature, valid: true),
            Signature("signed prekey, last byte of s flipped", bob, signedBytes, Bytes.Flip(signedPreKey.Signature, 63), valid: false),
        ];
    }

    private static JsonObject Signature(string name, DeviceIdentity signer, byte[] message, byte[] signature, bool valid) => new()
    {
        ["name"] = name,
        ["publicKey"] = Hex(signer.PublicKeys.SigningKey),
        ["message"] = Hex(message),
        ["signature"] = Hex(signature),
        ["valid"] = valid,
    };

    private static DeviceIdentity Identity(JsonNode input) => new(
        AgreementKeyPair.FromPrivateScalar(Hex(input["identityAgreementPrivate"])),
        SigningKeyPair.FromPrivateScalar(Hex(input["identitySigningPrivate"])));

    private static JsonObject PublicIdentity(DeviceIdentity identity) => new()
    {
        ["identityAgreementPublic"] = Hex(identity.PublicKeys.AgreementKey),
        ["identitySigningPublic"] = Hex(identity.PublicKeys.SigningKey),
    };

    internal static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    internal static byte[] Hex(JsonNode? node) => Convert.FromHexString((string)node!);
}
