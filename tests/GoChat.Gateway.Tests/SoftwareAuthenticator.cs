using System.Buffers.Binary;
using System.Buffers.Text;
using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace GoChat.Gateway.Tests;

/// <summary>
/// A passkey authenticator in the test, as a phone's secure element would answer: a P-256 key, "none" attestation,
/// authenticator data with the user-present and user-verified flags and a signature counter. It produces the JSON
/// a browser's PublicKeyCredential.toJSON() gives, so the gateway sees what it sees from a real browser.
/// </summary>
public sealed class SoftwareAuthenticator
{
    private readonly ECDsa _key;

    public SoftwareAuthenticator(string origin, string rpId = "localhost")
    {
        _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Origin = origin;
        RpId = rpId;
        CredentialId = RandomNumberGenerator.GetBytes(16);
    }

    private SoftwareAuthenticator(SoftwareAuthenticator original)
    {
        _key = ECDsa.Create(original._key.ExportParameters(includePrivateParameters: true));
        Origin = original.Origin;
        RpId = original.RpId;
        CredentialId = original.CredentialId;
        UserHandle = original.UserHandle;
        SignCount = original.SignCount;
    }

    public string Origin { get; set; }
    public string RpId { get; }
    public byte[] CredentialId { get; }
    public byte[] UserHandle { get; private set; } = [];
    public uint SignCount { get; set; }
    public Guid Aaguid { get; } = Guid.Parse("5ec0a11e-0000-4000-8000-00000000fa11");

    public string Id => Base64Url.EncodeToString(CredentialId);

    /// <summary>Another device holding the same private key and counter: what a cloned authenticator is.</summary>
    public SoftwareAuthenticator Clone() => new(this);

    /// <summary>navigator.credentials.create() answering the server's creation options.</summary>
    public object Create(JsonElement options)
    {
        UserHandle = Base64Url.DecodeFromChars(options.GetProperty("user").GetProperty("id").GetString());
        var clientData = ClientData("webauthn.create", options.GetProperty("challenge").GetString()!);
        var authData = AuthenticatorData(attested: true);
        var attestation = new CborWriter(CborConformanceMode.Ctap2Canonical);
        attestation.WriteStartMap(3);
        attestation.WriteTextString("fmt");
        attestation.WriteTextString("none");
        attestation.WriteTextString("attStmt");
        attestation.WriteStartMap(0);
        attestation.WriteEndMap();
        attestation.WriteTextString("authData");
        attestation.WriteByteString(authData);
        attestation.WriteEndMap();
        return new
        {
            id = Id,
            rawId = Id,
            type = "public-key",
            response = new
            {
                attestationObject = Base64Url.EncodeToString(attestation.Encode()),
                clientDataJSON = Base64Url.EncodeToString(clientData),
                transports = new[] { "internal" },
            },
            clientExtensionResults = new { },
        };
    }

    /// <summary>navigator.credentials.get(): the counter goes up by one, then the data is signed.</summary>
    public object Get(JsonElement options)
    {
        SignCount++;
        var clientData = ClientData("webauthn.get", options.GetProperty("challenge").GetString()!);
        var authData = AuthenticatorData(attested: false);
        var signature = _key.SignData([.. authData, .. SHA256.HashData(clientData)], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return new
        {
            id = Id,
            rawId = Id,
            type = "public-key",
            response = new
            {
                authenticatorData = Base64Url.EncodeToString(authData),
                clientDataJSON = Base64Url.EncodeToString(clientData),
                signature = Base64Url.EncodeToString(signature),
                userHandle = Base64Url.EncodeToString(UserHandle),
            },
            clientExtensionResults = new { },
        };
    }

    private byte[] ClientData(string type, string challenge) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { type, challenge, origin = Origin, crossOrigin = false }));

    private byte[] AuthenticatorData(bool attested)
    {
        const byte userPresent = 0x01, userVerified = 0x04, attestedData = 0x40;
        var data = new List<byte>();
        data.AddRange(SHA256.HashData(Encoding.UTF8.GetBytes(RpId)));
        data.Add((byte)(userPresent | userVerified | (attested ? attestedData : 0)));
        var counter = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(counter, SignCount);
        data.AddRange(counter);
        if (attested)
        {
            data.AddRange(Aaguid.ToByteArray(bigEndian: true));
            var length = new byte[2];
            BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)CredentialId.Length);
            data.AddRange(length);
            data.AddRange(CredentialId);
            data.AddRange(CosePublicKey());
        }
        return [.. data];
    }

    /// <summary>The public key as COSE_Key: EC2 (kty 2), ES256 (alg -7), P-256 (crv 1), x and y.</summary>
    private byte[] CosePublicKey()
    {
        var p = _key.ExportParameters(includePrivateParameters: false);
        var cose = new CborWriter(CborConformanceMode.Ctap2Canonical);
        cose.WriteStartMap(5);
        cose.WriteInt32(1);
        cose.WriteInt32(2);
        cose.WriteInt32(3);
        cose.WriteInt32(-7);
        cose.WriteInt32(-1);
        cose.WriteInt32(1);
        cose.WriteInt32(-2);
        cose.WriteByteString(p.Q.X!);
        cose.WriteInt32(-3);
        cose.WriteByteString(p.Q.Y!);
        cose.WriteEndMap();
        return cose.Encode();
    }
}
