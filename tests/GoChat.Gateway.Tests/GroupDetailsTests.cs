using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using static GoChat.Testing.TestPictures;

namespace GoChat.Gateway.Tests;

/// <summary>
/// A group's description and photo (issue 14): group admins change them, every member sees a system entry, the
/// photo is stored re-encoded (no EXIF) and served to members only.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class GroupDetailsTests(GatewayFixture fixture)
{
    private GoChatStack Stack => fixture.Stack;

    [Fact]
    public async Task Admin_sets_the_description_and_every_member_sees_it_with_a_system_entry()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        await bob.SyncAsync(); // a synced connection joins the feed of a chat the user is added to
        var group = await alice.CreateGroupAsync("Jawatankuasa", [bob.UserId]);

        await Describe(alice, group.Id, "  Urusan mesyuarat bulanan bahagian.  ");

        await bob.WaitUntil(c => c.Messages.Any(m => m.ConversationId == group.Id && m.Kind == MessageKind.DescriptionChanged), "the description entry");
        var entry = bob.Messages.Single(m => m.ConversationId == group.Id && m.Kind == MessageKind.DescriptionChanged);
        Assert.Equal(("Urusan mesyuarat bulanan bahagian.", alice.UserId), (entry.Text, entry.SenderId));
        Assert.Equal("Urusan mesyuarat bulanan bahagian.", (await Info(bob, group.Id)).Description);

        // The same text again changes nothing and says nothing.
        await Describe(alice, group.Id, "Urusan mesyuarat bulanan bahagian.");
        await Describe(alice, group.Id, "");
        Assert.Null((await Info(bob, group.Id)).Description);
        await bob.WaitUntil(c => c.Messages.Count(m => m.ConversationId == group.Id && m.Kind == MessageKind.DescriptionChanged) == 2, "the removal entry");
        Assert.Null(bob.Messages.Last(m => m.ConversationId == group.Id && m.Kind == MessageKind.DescriptionChanged).Text);
    }

    [Fact]
    public async Task A_description_past_the_limit_or_from_a_member_who_is_not_admin_changes_nothing()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        var group = await alice.CreateGroupAsync("Jawatankuasa", [bob.UserId]);
        await Describe(alice, group.Id, "Asal");

        HubErrors.AssertCode(ErrorCodes.InvalidArgument, await Assert.ThrowsAsync<HubException>(() =>
            Describe(alice, group.Id, new string('k', Limits.MaxGroupDescriptionLength + 1))));
        HubErrors.AssertCode(ErrorCodes.Forbidden, await Assert.ThrowsAsync<HubException>(() => Describe(bob, group.Id, "Rampasan")));
        var direct = await alice.CreateDirectAsync(bob.UserId);
        HubErrors.AssertCode(ErrorCodes.Forbidden, await Assert.ThrowsAsync<HubException>(() => Describe(alice, direct.Id, "Tiada")));

        Assert.Equal("Asal", (await Info(alice, group.Id)).Description);
        Assert.Equal(1L, await fixture.CountRows(group.Id, $"kind = {(int)MessageKind.DescriptionChanged}"));
    }

    [Fact]
    public async Task Group_photo_is_stored_without_exif_and_served_to_members_only()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        await using var eve = await Stack.ConnectAsync(GatewayFixture.Handle("eve"));
        await bob.SyncAsync();
        var group = await alice.CreateGroupAsync("Unit Foto", [bob.UserId]);
        using var admin = Stack.HttpFor(alice.Session.AccessToken);
        using var member = Stack.HttpFor(bob.Session.AccessToken);
        using var outsider = Stack.HttpFor(eve.Session.AccessToken);

        var uploaded = await Upload(admin, group.Id, WithExif(Jpeg(300, 200), make: "KAMERA-RAHSIA-0042", orientation: 1), "image/jpeg");
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var version = (await uploaded.Content.ReadFromJsonAsync<ConversationInfo>())!.PhotoVersion;
        Assert.True(version > 0);
        Assert.Equal(version, (await Info(bob, group.Id)).PhotoVersion);
        await bob.WaitUntil(c => c.Messages.Any(m => m.ConversationId == group.Id && m.Kind == MessageKind.PhotoChanged && m.Text == "set"), "the photo entry");

        var served = await member.GetAsync($"/api/conversations/{group.Id}/photo");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.True(served.Headers.CacheControl is { Private: true, Public: false }, "a member's photo is for no shared cache");
        var bytes = await served.Content.ReadAsByteArrayAsync();
        Assert.DoesNotContain("KAMERA-RAHSIA", Encoding.Latin1.GetString(bytes));
        Assert.DoesNotContain("Exif", Encoding.Latin1.GetString(bytes));
        using (var decoded = SkiaSharp.SKBitmap.Decode(bytes)) Assert.Equal((300, 200), (decoded.Width, decoded.Height));

        await GatewayFixture.AssertProblem(await outsider.GetAsync($"/api/conversations/{group.Id}/photo"), HttpStatusCode.NotFound, ErrorCodes.ConversationNotFound);
        // A member who is not an admin cannot change it; a file that is not the picture it says is refused.
        await GatewayFixture.AssertProblem(await Upload(member, group.Id, Jpeg(10, 10), "image/jpeg"), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await GatewayFixture.AssertProblem(await Upload(admin, group.Id, "<html>bukan gambar</html>"u8.ToArray(), "image/png"),
            HttpStatusCode.UnsupportedMediaType, ErrorCodes.UnsupportedImage);
        await GatewayFixture.AssertProblem(await Upload(admin, group.Id, new byte[Limits.MaxPhotoBytes + 1], "image/png"),
            HttpStatusCode.RequestEntityTooLarge, ErrorCodes.PhotoTooLarge);
        Assert.Equal(bytes, await member.GetByteArrayAsync($"/api/conversations/{group.Id}/photo"));

        (await admin.DeleteAsync($"/api/conversations/{group.Id}/photo")).EnsureSuccessStatusCode();
        Assert.Equal(0, (await Info(bob, group.Id)).PhotoVersion);
        await GatewayFixture.AssertProblem(await member.GetAsync($"/api/conversations/{group.Id}/photo"), HttpStatusCode.NotFound, ErrorCodes.ConversationNotFound);
        Assert.Equal(0L, await fixture.Scalar<long>($"SELECT count(*) FROM gochat_group_photos WHERE conversation_id = '{group.Id}'"));
    }

    [Fact]
    public async Task The_list_carries_the_group_photo_version()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        var group = await alice.CreateGroupAsync("Unit Senarai", [bob.UserId]);
        using var admin = Stack.HttpFor(alice.Session.AccessToken);
        var info = await (await Upload(admin, group.Id, Png(16, 16, withAlpha: true), "image/png")).Content.ReadFromJsonAsync<ConversationInfo>();

        var listed = (await bob.SyncAsync()).Conversations.Single(c => c.ConversationId == group.Id);
        Assert.Equal(info!.PhotoVersion, listed.PhotoVersion);
    }

    private static Task Describe(ChatClient client, Guid chat, string? text) =>
        client.Connection.InvokeAsync("SetGroupDescription", chat.ToString(), text);

    private static Task<ConversationInfo> Info(ChatClient client, Guid chat) =>
        client.Connection.InvokeAsync<ConversationInfo>("GetConversation", chat.ToString());

    private static Task<HttpResponseMessage> Upload(HttpClient http, Guid chat, byte[] data, string contentType)
    {
        var content = new ByteArrayContent(data);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return http.PutAsync($"/api/conversations/{chat}/photo", content);
    }
}
