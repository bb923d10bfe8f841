using System.Buffers.Text;
using System.Security.Cryptography;
using GoChat.Broadcasts.Signing;

namespace GoChat.Broadcasts.Tests.Signing;

/// <summary>
/// The worked example of docs/broadcasts/signatures.md, byte for byte. The expected bytes were written by an
/// independent Python script and the signature by OpenSSL, so the web client can test its own encoder and WebCrypto
/// verify against the same values. The example key's private half no longer exists.
/// </summary>
public class WorkedExampleTests
{
    public const string SignedBytesHex =
        "676f636861742d62726f6164636173742d76310a0000002430663865346332612d366231642d346535662d396133632d3764326231653066346135390000002433633961376532312d356434622d346638612d623665322d316130633964386537663635000000056e61646d610000000754455242554b41000000020000000662616e6a69720000000873656c616e676f720000000d3137373233353230303030303000000047414d4152414e2042414e4a4952204a616c616e2054756e2052617a616b2064697475747570206d756c61692031343a30302e20456c616b6b616e206b61776173616e20696e692e000000010000004065336230633434323938666331633134396166626634633839393666623932343237616534316534363439623933346361343935393931623738353262383535";

    public const string SignedBytesSha256 = "d66a067b5af54caf0aad3680f6d4fb1f105f3281af7a40c6095de1b767cb4626";
    public const string PublicKeyRaw = "BH4CslaYdJB26MLAnTMBcojN_RSHICo4UnmxEPC9U_MWqD804oMh8B2dQ15l7_EHgEfW4AZATpsGABXRWmUQeh8";
    public const string PublicKeySpki = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEfgKyVph0kHbowsCdMwFyiM39FIcgKjhSebEQ8L1T8xaoPzTigyHwHZ1DXmXv8QeAR9bgBkBOmwYAFdFaZRB6Hw";
    public const string Signature = "0i0pe8sPdk_poJZDNh2gaPyl9Inw3IgGPrDcwGesZ-pBReeUo-ylEHjZ9QNNCle6K3qFXDgORuGj4a_ZrI1Jfw";

    [Fact]
    public void The_example_broadcast_encodes_to_exactly_the_documented_bytes()
    {
        var bytes = TestKeys.Payload().ToSignedBytes();

        Assert.Equal(SignedBytesHex, Convert.ToHexStringLower(bytes));
        Assert.Equal(310, bytes.Length);
        Assert.Equal(SignedBytesSha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    [Fact]
    public void A_forwarded_copy_of_the_example_encodes_to_the_same_bytes()
    {
        var forwarded = TestKeys.Payload() with
        {
            Text = "\u200BAMARAN BANJIR\u00A0\r\n\r\nJalan Tun Razak ditutup mulai \uFF11\uFF14:00.\u2009 Elakkan kawasan ini.\u200D\n",
            AttachmentSha256 = ["E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"],
        };

        Assert.Equal(SignedBytesHex, Convert.ToHexStringLower(forwarded.ToSignedBytes()));
    }

    [Theory]
    [InlineData(PublicKeyRaw)]
    [InlineData(PublicKeySpki)]
    public void The_documented_signature_verifies_with_the_documented_public_key_in_either_form(string publicKey)
    {
        Assert.True(P256.TryPublicKey(Base64Url.DecodeFromChars(publicKey), out var key));
        var signature = Base64Url.DecodeFromChars(Signature);

        Assert.Equal(P256.SignatureLength, signature.Length);
        Assert.True(P256.Verify(key, Convert.FromHexString(SignedBytesHex), signature));
        var altered = (TestKeys.Payload() with { Level = "TERHAD" }).ToSignedBytes();
        Assert.False(P256.Verify(key, altered, signature));
    }
}
