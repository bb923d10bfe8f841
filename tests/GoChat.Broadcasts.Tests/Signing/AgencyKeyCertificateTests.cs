using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using GoChat.Broadcasts.Signing;

namespace GoChat.Broadcasts.Tests.Signing;

public class AgencyKeyCertificateTests
{
    private readonly TestKeys _keys = new();

    private AgencyKeyCertificate Certificate()
    {
        AgencyKeyCertificate.TryDecode(_keys.Agency("nadma", "nadma-2026").Certificate, out var certificate);
        return certificate!;
    }

    [Fact]
    public void A_certificate_survives_encoding_and_verifies_against_its_root()
    {
        var certificate = Certificate();

        Assert.True(AgencyKeyCertificate.TryDecode(certificate.Encode(), out var decoded));
        Assert.Equal(certificate.Encode(), decoded.Encode());
        Assert.Equal("nadma-2026", decoded.KeyId);
        Assert.Equal("nadma", decoded.AgencyId);
        Assert.Equal("root-test", decoded.RootKeyId);
        Assert.Equal(TestKeys.Start, decoded.NotBefore);
        Assert.Equal(65, decoded.PublicKey.Length);
        Assert.Equal(64, decoded.Signature.Length);
        Assert.True(decoded.Verify(_keys.Roots));
        Assert.DoesNotContain('=', certificate.Encode());
    }

    [Fact]
    public void A_certificate_with_any_field_changed_no_longer_verifies()
    {
        var certificate = Certificate();
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Assert.False((certificate with { AgencyId = "kkm" }).Verify(_keys.Roots));
        Assert.False((certificate with { KeyId = "nadma-2027" }).Verify(_keys.Roots));
        Assert.False((certificate with { NotAfter = certificate.NotAfter.AddDays(1) }).Verify(_keys.Roots));
        Assert.False((certificate with { PublicKey = TestKeys.RawPublic(other) }).Verify(_keys.Roots));
        Assert.False((certificate with { RootKeyId = "root-other" }).Verify(_keys.Roots));
    }

    [Fact]
    public void To_be_signed_bytes_are_the_documented_fields_in_order()
    {
        var certificate = Certificate();
        var expected = new List<byte>(Encoding.ASCII.GetBytes("gochat-agency-key-v1\n"));
        void Field(byte[] value)
        {
            expected.AddRange([(byte)(value.Length >> 24), (byte)(value.Length >> 16), (byte)(value.Length >> 8), (byte)value.Length]);
            expected.AddRange(value);
        }
        Field(Encoding.UTF8.GetBytes("nadma-2026"));
        Field(Encoding.UTF8.GetBytes("nadma"));
        Field(certificate.PublicKey);
        Field(Encoding.UTF8.GetBytes("1767225600000"));
        Field(Encoding.UTF8.GetBytes("1830297600000"));
        Field(Encoding.UTF8.GetBytes("root-test"));

        Assert.Equal(expected, certificate.ToBeSignedBytes());
        Field(certificate.Signature);
        Assert.Equal(Base64Url.EncodeToString(expected.ToArray()), certificate.Encode());
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64url!")]
    [InlineData("Z29jaGF0")]
    public void Something_that_is_not_a_certificate_does_not_decode(string encoded) =>
        Assert.False(AgencyKeyCertificate.TryDecode(encoded, out _));

    [Fact]
    public void A_truncated_or_extended_certificate_does_not_decode()
    {
        var bytes = Base64Url.DecodeFromChars(Certificate().Encode());

        Assert.False(AgencyKeyCertificate.TryDecode(Base64Url.EncodeToString(bytes[..^1]), out _));
        Assert.False(AgencyKeyCertificate.TryDecode(Base64Url.EncodeToString([.. bytes, 0]), out _));
    }
}
