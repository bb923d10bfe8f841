using System.Net.Http.Headers;
using System.Net.Http.Json;
using GoChat.Gateway.Broadcasts;
using GoChat.Gateway.Tests.Files;
using Microsoft.AspNetCore.SignalR.Client;

namespace GoChat.Gateway.Tests.Broadcasts;

[Collection(BroadcastCollection.Name)]
public sealed class BroadcastImageTests(BroadcastFixture fixture)
{
    [Fact]
    public async Task Each_downloaded_picture_of_a_SULIT_broadcast_is_its_readers_and_traces_to_them()
    {
        var admin = await fixture.Admin();
        var channel = await fixture.CreateChannel(admin, mandatory: true, "Gambar Sulit");
        await using var a = await fixture.OnlineStaff("gambar-a");
        await using var b = await fixture.OnlineStaff("gambar-b");
        using var adminHttp = fixture.Stack.HttpFor(admin.AccessToken);
        var upload = await new TusClient(adminHttp).UploadReadyAsync("pelan.jpg", "image/jpeg", TestPictures.PhotoLike(1280, 960));
        await using var poster = new ChatClient(fixture.Stack.GatewayUri, admin.AsSession());
        await poster.StartAsync();
        var ack = await poster.Connection.InvokeAsync<SendAck>("PostBroadcast", new
        {
            channelId = channel.Id.ToString(), clientMessageId = "gambar-1", text = "Pelan lantai", level = "SULIT", attachments = new[] { new { uploadId = upload.ToString() } },
        });
        await a.WaitUntil(x => x.Messages.Any(m => m.ConversationId == channel.Id && m.Seq == ack.Seq), "the broadcast");
        var blob = a.Messages.Single(m => m.ConversationId == channel.Id && m.Seq == ack.Seq).Attachments!.Single().BlobId;

        var pictureA = await Download(a, channel.Id, ack.Seq, blob);
        var pictureB = await Download(b, channel.Id, ack.Seq, blob);

        Assert.NotEqual(pictureA, pictureB);
        using var http = fixture.Stack.HttpFor(admin.AccessToken);
        Assert.Equal(a.UserId, (await TraceImage(http, pictureA)).Recipients.Single().UserId);
        Assert.Equal(b.UserId, (await TraceImage(http, pictureB)).Recipients.Single().UserId);
        // Re-encoded as a messenger would (JPEG 70), it still names its reader.
        Assert.Equal(b.UserId, (await TraceImage(http, TestPictures.Reencode(pictureB, 70))).Recipients.Single().UserId);
        var unmarked = await TraceImage(http, TestPictures.PhotoLike(1280, 960));
        Assert.False(unmarked.Found);
        Assert.True(await fixture.Scalar<long>("SELECT count(*) FROM gochat_audit_log WHERE action = 'broadcast.downloaded' AND actor_id = @u", ("u", a.UserId)) >= 1);
    }

    private async Task<byte[]> Download(ChatClient reader, Guid channel, long seq, Guid blob)
    {
        using var http = fixture.Stack.HttpFor(reader.Session.AccessToken);
        var link = await FileTestData.LinkAsync(http, channel, seq, blob, FileVariant.Preview);
        var response = await http.GetAsync(link.Url);
        response.EnsureSuccessStatusCode();
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        return await response.Content.ReadAsByteArrayAsync();
    }

    private async Task<LeakTrace> TraceImage(HttpClient http, byte[] picture)
    {
        var content = new ByteArrayContent(picture);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        var response = await http.PostAsync($"/api/admin/leaks/trace/image/{fixture.AgencyId}", content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<LeakTrace>())!;
    }
}
