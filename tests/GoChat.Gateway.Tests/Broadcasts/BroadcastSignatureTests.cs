using System.Buffers.Text;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using GoChat.Broadcasts.Signing;
using GoChat.Broadcasts.Text;
using GoChat.Grains.Channels;
using Microsoft.AspNetCore.SignalR.Client;

namespace GoChat.Gateway.Tests.Broadcasts;

[Collection(BroadcastCollection.Name)]
public sealed class BroadcastSignatureTests(BroadcastFixture fixture)
{
    private const string Announcement = "Pejabat akan ditutup pada 5 Disember 2026 sempena cuti peristiwa. Perkhidmatan kaunter dibuka semula pada 6 Disember.";

    [Fact]
    public async Task A_client_verifies_a_broadcast_against_the_platform_root_and_sees_one_altered_in_PostgreSQL_as_forged()
    {
        var (channel, reader, seq) = await Posted("TERBUKA", Announcement);
        var genuine = await ReadBack(reader, channel, seq);

        Assert.Equal(BroadcastVerificationStatus.Verified, Verify(genuine).Status);
        Assert.Equal(fixture.AgencyId.ToString("D"), Verify(genuine).AgencyId);

        await fixture.Scalar<int>("UPDATE gochat_messages SET body = replace(body, '5 Disember', '15 Disember') WHERE conversation_id = @c AND seq = @s RETURNING 1",
            ("c", channel), ("s", seq));
        var altered = await ReadBack(reader, channel, seq);

        Assert.Contains("15 Disember", altered.Text);
        Assert.Equal(BroadcastVerificationStatus.Forged, Verify(altered).Status);
    }

    [Fact]
    public async Task The_public_check_confirms_a_genuine_forwarded_text_and_rejects_an_edited_one()
    {
        var (channel, reader, seq) = await Posted("TERBUKA", Announcement);
        var copy = (await ReadBack(reader, channel, seq)).Text!;
        // As a forward through another messenger leaves it: invisible characters, other spaces, line breaks, fullwidth digits.
        var forwarded = "\u200B" + copy.Replace(" ", "\u00A0 ").Replace("2026", "\uFF12\uFF10\uFF12\uFF16").Replace(". ", ".\n\n") + "\uFEFF ";
        Assert.NotEqual(copy, forwarded);
        using var anonymous = new HttpClient { BaseAddress = fixture.Stack.GatewayUri };

        var genuine = await Check(anonymous, forwarded);
        var edited = await Check(anonymous, copy.Replace("6 Disember", "7 Disember"));

        Assert.True(genuine.Genuine);
        Assert.Equal("Jabatan Penyiaran Ujian", genuine.AgencyName);
        Assert.Equal("Verified", genuine.Verification);
        Assert.False(edited.Genuine);
        Assert.Null(edited.AgencyName);
    }

    [Fact]
    public async Task The_public_check_reveals_nothing_of_a_classified_broadcast()
    {
        const string secret = "Lokasi latihan kecemasan: Blok C, aras 3. Jangan dikongsi.";
        var (channel, reader, seq) = await Posted("SULIT", secret);
        var copy = (await ReadBack(reader, channel, seq)).Text!;
        using var anonymous = new HttpClient { BaseAddress = fixture.Stack.GatewayUri };

        var answer = await Check(anonymous, TextWatermark.Strip(copy));

        Assert.False(answer.Genuine);
        Assert.Null(answer.AgencyName);
        Assert.Null(answer.PostedAt);
    }

    private async Task<(Guid Channel, ChatClient Reader, long Seq)> Posted(string level, string text)
    {
        var admin = await fixture.Admin();
        var channel = await fixture.CreateChannel(admin, mandatory: true, "Hebahan " + level);
        var reader = await fixture.OnlineStaff("semak");
        await using var poster = new ChatClient(fixture.Stack.GatewayUri, admin.AsSession());
        await poster.StartAsync();
        var ack = await poster.Connection.InvokeAsync<SendAck>("PostBroadcast", new
        {
            channelId = channel.Id.ToString(), clientMessageId = Guid.NewGuid().ToString("N"), text = text + " " + Guid.NewGuid().ToString("N")[..6], level,
        });
        return (channel.Id, reader, ack.Seq);
    }

    private static async Task<ChatMessage> ReadBack(ChatClient reader, Guid channel, long seq) =>
        (await reader.Connection.InvokeAsync<IReadOnlyList<ChatMessage>>("GetHistory", channel.ToString(), long.MaxValue, 50)).Single(m => m.Seq == seq);

    /// <summary>As a client does it: the certificate against the root it ships, then the signature with the certified key.</summary>
    private BroadcastVerification Verify(ChatMessage message)
    {
        var seal = message.Broadcast!;
        Assert.True(AgencyKeyCertificate.TryDecode(seal.Certificate, out var certificate));
        var verifier = new BroadcastVerifier(fixture.Roots, [certificate!]);
        var payload = BroadcastSigner.Payload(seal, message.ConversationId, message.SentAt, message.Text!, seal.AttachmentSha256 ?? []);
        var signature = Base64Url.DecodeFromChars(seal.Signature!);
        return verifier.Verify(payload, new BroadcastSignature(seal.KeyId!, signature));
    }

    private static async Task<BroadcastCheck> Check(HttpClient http, string text)
    {
        var response = await http.PostAsJsonAsync("/api/semak", new { text });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<BroadcastCheck>())!;
    }
}
