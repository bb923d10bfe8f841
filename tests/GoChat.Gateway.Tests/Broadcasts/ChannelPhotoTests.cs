using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.SignalR.Client;
using static GoChat.Testing.TestPictures;

namespace GoChat.Gateway.Tests.Broadcasts;

/// <summary>
/// A channel's picture (issue 16, "name, description, picture"): its admins set and remove it on the group photo's
/// route, its audience fetches it, anyone else finds no channel; a refused upload changes nothing.
/// </summary>
[Collection(BroadcastCollection.Name)]
public sealed class ChannelPhotoTests(BroadcastFixture fixture)
{
    [Fact]
    public async Task An_admin_sets_and_removes_the_picture_and_the_audience_sees_each_version()
    {
        var (admin, channel, reader) = await ChannelWithSubscriber("Foto");
        await using var _ = reader;
        var browser = await fixture.Stack.SignInWithEmailAsync(fixture.NewStaffEmail("peninjau")); // in the audience, not subscribed
        using var adminHttp = fixture.Stack.HttpFor(admin.AccessToken);
        using var readerHttp = fixture.Stack.HttpFor(reader.Session.AccessToken);
        using var browserHttp = fixture.Stack.HttpFor(browser.AccessToken);

        var uploaded = await Upload(adminHttp, channel.Id, WithExif(Jpeg(320, 240), make: "KAMERA-PEJABAT-7", orientation: 1), "image/jpeg");
        Assert.True(uploaded.IsSuccessStatusCode, await uploaded.Content.ReadAsStringAsync());
        var version = (await uploaded.Content.ReadFromJsonAsync<ChannelInfo>())!.PhotoVersion;
        Assert.True(version > 0);

        // Subscribers learn it live (a PhotoChanged entry), and the channel's info, the list and the directory carry the version.
        await reader.WaitUntil(c => c.Messages.Any(m => m.ConversationId == channel.Id && m.Kind == MessageKind.PhotoChanged && m.Text == "set"), "the picture entry");
        Assert.Equal(version, (await reader.Connection.InvokeAsync<ChannelInfo>("GetChannel", channel.Id.ToString())).PhotoVersion);
        Assert.Equal(version, (await reader.SyncAsync()).Conversations.Single(c => c.ConversationId == channel.Id).PhotoVersion);
        var listed = await reader.Connection.InvokeAsync<IReadOnlyList<ChannelListing>>("SearchChannels", channel.Name);
        Assert.Equal(version, listed.Single(l => l.Id == channel.Id).PhotoVersion);

        var served = await readerHttp.GetAsync($"/api/conversations/{channel.Id}/photo?v={version}");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.True(served.Headers.CacheControl is { Private: true, Public: false }, "a channel's picture is for no shared cache");
        var bytes = await served.Content.ReadAsByteArrayAsync();
        Assert.DoesNotContain("KAMERA-PEJABAT", Encoding.Latin1.GetString(bytes));
        using (var decoded = SkiaSharp.SKBitmap.Decode(bytes)) Assert.Equal((320, 240), (decoded.Width, decoded.Height));
        // The audience fetches it before subscribing: the directory shows it.
        Assert.Equal(bytes, await browserHttp.GetByteArrayAsync($"/api/conversations/{channel.Id}/photo"));

        var removed = await adminHttp.DeleteAsync($"/api/conversations/{channel.Id}/photo");
        Assert.True(removed.IsSuccessStatusCode, await removed.Content.ReadAsStringAsync());
        Assert.Equal(0, (await removed.Content.ReadFromJsonAsync<ChannelInfo>())!.PhotoVersion);
        await reader.WaitUntil(c => c.Messages.Any(m => m.ConversationId == channel.Id && m.Kind == MessageKind.PhotoChanged && m.Text is null), "the removal entry");
        Assert.Equal(0, (await reader.Connection.InvokeAsync<ChannelInfo>("GetChannel", channel.Id.ToString())).PhotoVersion);
        await GatewayFixture.AssertProblem(await readerHttp.GetAsync($"/api/conversations/{channel.Id}/photo"), HttpStatusCode.NotFound, ErrorCodes.ConversationNotFound);
        Assert.Equal(0L, await fixture.Scalar<long>("SELECT count(*) FROM gochat_group_photos WHERE conversation_id = @c", ("c", channel.Id)));
        // The face of an official source is audited like its name: one row per change, by whom.
        Assert.Equal(2L, await fixture.Scalar<long>("SELECT count(*) FROM gochat_audit_log WHERE action = 'channel.photo_changed' AND subject_id = @c AND actor_id = @a", ("c", channel.Id), ("a", admin.UserId)));
    }

    [Fact]
    public async Task A_subscriber_a_stranger_or_a_bad_picture_changes_nothing()
    {
        var (admin, channel, reader) = await ChannelWithSubscriber("Tetap");
        await using var _ = reader;
        var (_, otherDomain) = await fixture.CreateAgency(AgencyCategory.StateAgency);
        var stranger = await fixture.Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(otherDomain));
        using var adminHttp = fixture.Stack.HttpFor(admin.AccessToken);
        using var readerHttp = fixture.Stack.HttpFor(reader.Session.AccessToken);
        using var strangerHttp = fixture.Stack.HttpFor(stranger.AccessToken);
        var set = await Upload(adminHttp, channel.Id, Png(48, 48, withAlpha: true), "image/png");
        Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync());
        var version = (await set.Content.ReadFromJsonAsync<ChannelInfo>())!.PhotoVersion;
        var bytes = await readerHttp.GetByteArrayAsync($"/api/conversations/{channel.Id}/photo");
        var entries = await fixture.CountRows(channel.Id, $"kind = {(int)MessageKind.PhotoChanged}");

        // A subscriber may read the channel, so being refused is no secret: FORBIDDEN. Outside the audience the channel is absent.
        await GatewayFixture.AssertProblem(await Upload(readerHttp, channel.Id, Jpeg(10, 10), "image/jpeg"), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await GatewayFixture.AssertProblem(await readerHttp.DeleteAsync($"/api/conversations/{channel.Id}/photo"), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await GatewayFixture.AssertProblem(await strangerHttp.GetAsync($"/api/conversations/{channel.Id}/photo"), HttpStatusCode.NotFound, ErrorCodes.ConversationNotFound);
        await GatewayFixture.AssertProblem(await Upload(strangerHttp, channel.Id, Jpeg(10, 10), "image/jpeg"), HttpStatusCode.NotFound, ErrorCodes.ConversationNotFound);
        await GatewayFixture.AssertProblem(await strangerHttp.DeleteAsync($"/api/conversations/{channel.Id}/photo"), HttpStatusCode.NotFound, ErrorCodes.ConversationNotFound);
        // The admin's own bad input: not the picture it claims, a type that is no picture, past the limit.
        await GatewayFixture.AssertProblem(await Upload(adminHttp, channel.Id, "<html>bukan gambar</html>"u8.ToArray(), "image/png"),
            HttpStatusCode.UnsupportedMediaType, ErrorCodes.UnsupportedImage);
        await GatewayFixture.AssertProblem(await Upload(adminHttp, channel.Id, Png(8, 8, withAlpha: false), "image/gif"),
            HttpStatusCode.UnsupportedMediaType, ErrorCodes.UnsupportedImage);
        await GatewayFixture.AssertProblem(await Upload(adminHttp, channel.Id, new byte[Limits.MaxPhotoBytes + 1], "image/png"),
            HttpStatusCode.RequestEntityTooLarge, ErrorCodes.PhotoTooLarge);

        Assert.Equal(version, (await reader.Connection.InvokeAsync<ChannelInfo>("GetChannel", channel.Id.ToString())).PhotoVersion);
        Assert.Equal(bytes, await readerHttp.GetByteArrayAsync($"/api/conversations/{channel.Id}/photo"));
        Assert.Equal(entries, await fixture.CountRows(channel.Id, $"kind = {(int)MessageKind.PhotoChanged}"));
        Assert.Equal(version, await fixture.Scalar<long>("SELECT version FROM gochat_group_photos WHERE conversation_id = @c", ("c", channel.Id)));
    }

    /// <summary>An optional channel of the fixture's agency, made by its admin, and one staff member online who subscribed to it.</summary>
    private async Task<(SignIn Admin, ChannelInfo Channel, ChatClient Reader)> ChannelWithSubscriber(string name)
    {
        var admin = await fixture.Admin();
        var channel = await fixture.CreateChannel(admin, mandatory: false, $"{name} {Guid.NewGuid():N}"[..(name.Length + 9)]);
        var reader = await fixture.OnlineStaff("langgan");
        await reader.Connection.InvokeAsync<ChannelInfo>("JoinChannel", channel.Id.ToString());
        return (admin, channel, reader);
    }

    private static Task<HttpResponseMessage> Upload(HttpClient http, Guid channel, byte[] data, string contentType)
    {
        var content = new ByteArrayContent(data);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return http.PutAsync($"/api/conversations/{channel}/photo", content);
    }
}
