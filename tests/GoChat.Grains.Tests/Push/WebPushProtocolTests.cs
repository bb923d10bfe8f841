using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GoChat.Grains.Push;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GoChat.Grains.Tests.Push;

/// <summary>
/// The server side of Web Push against the RFCs: RFC 8291's Appendix A vector for the aes128gcm encryption and
/// RFC 8292 for the VAPID header. Lib.Net.Http.WebPush picks its own salt and ephemeral key, so the library's
/// output is proven by decrypting it with the vector's user agent key, and the decryptor is proven on the RFC's
/// own ciphertext: both directions hold.
/// </summary>
public sealed class WebPushProtocolTests
{
    // RFC 8291 Appendix A.
    private const string Plaintext = "When I grow up, I want to be a watermelon";
    private const string AsPublic = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    private const string AsPrivate = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    private const string UaPublic = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    private const string UaPrivate = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
    private const string AuthSecret = "BTBZMqHH6r4Tts7J_aSIgg";
    private const string Body = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

    private const string Endpoint = "https://fcm.googleapis.com/fcm/send/test-subscription";
    private const string Subject = "mailto:pentadbir@digital.gov.my";

    [Fact]
    public void The_RFC_8291_example_body_decrypts_to_its_message()
    {
        var text = WebPushDecryptor.DecryptText(B(Body), B(UaPrivate), B(UaPublic), B(AuthSecret));
        Assert.Equal(Plaintext, text);
    }

    [Fact]
    public async Task What_the_sender_encrypts_for_the_RFC_user_agent_decrypts_to_the_content_free_payload()
    {
        var (request, body) = await SendOnce();
        Assert.Equal("aes128gcm", Assert.Single(request.Content!.Headers.ContentEncoding));
        Assert.Equal(PushSender.Payload, WebPushDecryptor.DecryptText(body, B(UaPrivate), B(UaPublic), B(AuthSecret)));
        // The header's key id is the sender's ephemeral key, never the VAPID key (RFC 8291 section 3.1).
        Assert.NotEqual(B(AsPublic), body[21..86]);
    }

    [Fact]
    public async Task The_push_carries_TTL_urgency_and_the_coalescing_topic()
    {
        var (request, _) = await SendOnce();
        Assert.Equal("14400", request.Headers.GetValues("TTL").Single());
        // RFC 8030 section 5.3: no Urgency header means "normal", and the library leaves the default out.
        var urgency = request.Headers.TryGetValues("Urgency", out var values) ? values.Single() : "normal";
        Assert.Equal("normal", urgency);
        Assert.Equal(PushSender.Topic, request.Headers.GetValues("Topic").Single());
    }

    [Fact]
    public async Task The_VAPID_header_is_a_JWT_signed_with_the_platform_key_for_the_push_origin()
    {
        var (request, _) = await SendOnce();
        var auth = request.Headers.Authorization!;
        Assert.Equal("vapid", auth.Scheme);
        var parameters = auth.Parameter!.Split(',', StringSplitOptions.TrimEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(AsPublic, parameters["k"]);

        var parts = parameters["t"].Split('.');
        Assert.Equal(3, parts.Length);
        using var header = JsonDocument.Parse(B(parts[0]));
        Assert.Equal("ES256", header.RootElement.GetProperty("alg").GetString());
        using var ec = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = B(AsPublic)[1..33], Y = B(AsPublic)[33..] } });
        Assert.True(ec.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), B(parts[2]), HashAlgorithmName.SHA256),
            "the JWT's ES256 signature verifies with the VAPID public key");

        using var claims = JsonDocument.Parse(B(parts[1]));
        Assert.Equal("https://fcm.googleapis.com", claims.RootElement.GetProperty("aud").GetString());
        Assert.Equal(Subject, claims.RootElement.GetProperty("sub").GetString());
        var exp = DateTimeOffset.FromUnixTimeSeconds(claims.RootElement.GetProperty("exp").GetInt64());
        Assert.InRange(exp, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(24));
    }

    [Theory]
    [InlineData(404)]
    [InlineData(410)]
    public async Task A_push_service_that_forgot_the_subscription_is_told_apart_from_a_failure(int status)
    {
        Assert.Equal(PushOutcome.Gone, (await SendOnce((HttpStatusCode)status)).Outcome);
        Assert.Equal(PushOutcome.Failed, (await SendOnce(HttpStatusCode.InternalServerError)).Outcome);
    }

    [Theory]
    [InlineData("http://pentadbir@digital.gov.my")]
    [InlineData("pentadbir@digital.gov.my")]
    [InlineData("mailto:")]
    public void A_subject_that_is_not_mailto_or_https_is_refused(string subject)
    {
        var options = new WebPushOptions { Subject = subject };
        Assert.NotEmpty(options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)));
    }

    [Fact]
    public void A_key_pair_must_be_in_the_RFC_8292_form_and_belong_together()
    {
        Assert.Null(VapidKeyPair.TryCreate(AsPublic, AsPrivate, out _));
        Assert.NotNull(VapidKeyPair.TryCreate(AsPublic[..40], AsPrivate, out _));
        Assert.NotNull(VapidKeyPair.TryCreate(UaPublic, AsPrivate, out _));
        Assert.NotNull(VapidKeyPair.TryCreate(AsPublic, "not+base64url/", out _));
        var fresh = VapidKeyPair.Generate();
        Assert.Null(VapidKeyPair.TryCreate(fresh.PublicKey, fresh.PrivateKey, out _));
    }

    private static async Task<(HttpRequestMessage Request, byte[] Body)> SendOnce() { var r = await SendOnce(HttpStatusCode.Created); return (r.Request, r.Body); }

    private static async Task<(HttpRequestMessage Request, byte[] Body, PushOutcome Outcome)> SendOnce(HttpStatusCode answer)
    {
        var capture = new Capture(answer);
        var sender = new PushSender(new HttpClient(capture), Options.Create(new WebPushOptions { Subject = Subject }), NullLogger<PushSender>.Instance);
        var outcome = await sender.Send(new StoredPushSubscription(Guid.NewGuid(), Guid.NewGuid(), Endpoint, B(UaPublic), B(AuthSecret)),
            new VapidKeyPair(AsPublic, AsPrivate), CancellationToken.None);
        return (capture.Request!, capture.Body!, outcome);
    }

    private static byte[] B(string base64Url) => WebPushDecryptor.FromB64(base64Url);

    /// <summary>Stands where the network would: keeps the request as it would have gone out.</summary>
    private sealed class Capture(HttpStatusCode answer) : HttpMessageHandler
    {
        public HttpRequestMessage? Request { get; private set; }
        public byte[]? Body { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Request = request;
            Body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
            return new HttpResponseMessage(answer);
        }
    }
}
