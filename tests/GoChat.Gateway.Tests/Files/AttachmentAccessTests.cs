using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.SignalR.Client;
using static GoChat.Gateway.Tests.Files.FileTestData;

namespace GoChat.Gateway.Tests.Files;

/// <summary>
/// Attachments follow the conversation's rules (issue 15): only members download, through short-lived links bound to
/// the member, checked again on every download; the bytes come back exactly, in ranges too, and can never act as GoChat.
/// </summary>
[Collection(FilesCollection.Name)]
public sealed class AttachmentAccessTests(FilesFixture fixture)
{
    private GoChatStack Stack => fixture.Stack;

    [Fact]
    public async Task A_member_downloads_the_file_exactly_and_in_ranges_with_headers_that_keep_it_inert()
    {
        await using var pair = await fixture.PairAsync();
        var file = Pdf(300_000);
        var upload = await pair.AliceTus.UploadReadyAsync("Minit mesyuarat \"akhir\" 2026.pdf", "application/pdf", file);
        var message = await pair.SendAsync("", new AttachmentInputDtoFor(upload));
        var attachment = Assert.Single(message.Attachments!);
        Assert.Equal(("application/pdf", AttachmentKind.File, ""), (attachment.ContentType, attachment.Kind, message.Text));

        var link = await LinkAsync(pair.BobHttp, pair.Chat, message.Seq, attachment.BlobId);
        using var whole = await pair.BobHttp.GetAsync(link.Url);
        Assert.Equal(file, await whole.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", whole.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.StartsWith("sandbox", whole.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("application/pdf", whole.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Minit mesyuarat \"akhir\" 2026.pdf", whole.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.True(whole.Headers.CacheControl is { Private: true }, "a member's file is for no shared cache");

        using var request = new HttpRequestMessage(HttpMethod.Get, link.Url);
        request.Headers.Range = new RangeHeaderValue(100_000, 100_099);
        using var range = await pair.BobHttp.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, range.StatusCode);
        Assert.Equal(file.AsSpan(100_000, 100).ToArray(), await range.Content.ReadAsByteArrayAsync());
        Assert.Equal($"bytes 100000-100099/{file.Length}", range.Content.Headers.ContentRange!.ToString());
    }

    [Fact]
    public async Task Someone_outside_the_chat_gets_no_link_and_cannot_use_a_members_link()
    {
        await using var pair = await fixture.PairAsync();
        await using var eve = await Stack.ConnectAsync(GatewayFixture.Handle("eve"));
        using var eveHttp = Stack.HttpFor(eve.Session.AccessToken);
        var upload = await pair.AliceTus.UploadReadyAsync("sulit.pdf", null, Pdf(5000));
        var message = await pair.SendAsync("Sulit", new AttachmentInputDtoFor(upload));
        var blob = message.Attachments![0].BlobId;

        await GatewayFixture.AssertProblem(await eveHttp.PostAsync($"/api/conversations/{pair.Chat}/messages/{message.Seq}/files/{blob}/link", null),
            HttpStatusCode.NotFound, ErrorCodes.AttachmentNotFound);
        var bobs = await LinkAsync(pair.BobHttp, pair.Chat, message.Seq, blob);
        await GatewayFixture.AssertProblem(await eveHttp.GetAsync(bobs.Url), HttpStatusCode.Forbidden, ErrorCodes.LinkInvalid);
        // Without a link there is nothing to guess: a made-up or altered token is refused alike.
        await GatewayFixture.AssertProblem(await eveHttp.GetAsync("/files/" + new string('A', 130)), HttpStatusCode.Forbidden, ErrorCodes.LinkInvalid);
        var altered = bobs.Url[..^2] + (bobs.Url[^2] == 'A' ? "B" : "A") + bobs.Url[^1];
        await GatewayFixture.AssertProblem(await pair.BobHttp.GetAsync(altered), HttpStatusCode.Forbidden, ErrorCodes.LinkInvalid);
        // Nor without signing in.
        using var anonymous = new HttpClient { BaseAddress = Stack.GatewayUri };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(bobs.Url)).StatusCode);
    }

    [Fact]
    public async Task An_expired_link_is_refused_and_a_new_one_works()
    {
        await using var pair = await fixture.PairAsync();
        var upload = await pair.AliceTus.UploadReadyAsync("jadual.pdf", null, Pdf(4000));
        var message = await pair.SendAsync("Jadual", new AttachmentInputDtoFor(upload));
        var blob = message.Attachments![0].BlobId;
        var link = await LinkAsync(pair.BobHttp, pair.Chat, message.Seq, blob);

        fixture.GatewayClock.Advance(TimeSpan.FromMinutes(11));
        try
        {
            await GatewayFixture.AssertProblem(await pair.BobHttp.GetAsync(link.Url), HttpStatusCode.Forbidden, ErrorCodes.LinkExpired);
            var fresh = await LinkAsync(pair.BobHttp, pair.Chat, message.Seq, blob);
            Assert.Equal(HttpStatusCode.OK, (await pair.BobHttp.GetAsync(fresh.Url)).StatusCode);
        }
        finally
        {
            fixture.GatewayClock.Advance(TimeSpan.FromMinutes(-11));
        }
    }

    [Fact]
    public async Task A_member_who_left_loses_access_to_the_chats_files_even_with_a_link_in_hand()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        await bob.SyncAsync();
        var group = await alice.CreateGroupAsync("Unit Fail", [bob.UserId]);
        using var aliceHttp = Stack.HttpFor(alice.Session.AccessToken);
        using var bobHttp = Stack.HttpFor(bob.Session.AccessToken);
        var upload = await new TusClient(aliceHttp).UploadReadyAsync("pekeliling.pdf", null, Pdf(6000));
        var ack = await alice.Connection.InvokeAsync<SendAck>("SendMessage", new
        {
            ConversationId = group.Id.ToString(), ClientMessageId = Guid.NewGuid().ToString("N"), Text = "Pekeliling",
            Attachments = new[] { new { UploadId = upload.ToString("N") } },
        });
        await bob.WaitUntil(c => c.Messages.Any(m => m.ConversationId == group.Id && m.Seq == ack.Seq), "the message");
        var blob = bob.Messages.Single(m => m.ConversationId == group.Id && m.Seq == ack.Seq).Attachments![0].BlobId;
        var link = await LinkAsync(bobHttp, group.Id, ack.Seq, blob);
        Assert.Equal(HttpStatusCode.OK, (await bobHttp.GetAsync(link.Url)).StatusCode);

        await bob.Connection.InvokeAsync("LeaveConversation", group.Id.ToString());

        await GatewayFixture.AssertProblem(await bobHttp.GetAsync(link.Url), HttpStatusCode.NotFound, ErrorCodes.AttachmentNotFound);
        await GatewayFixture.AssertProblem(await bobHttp.PostAsync($"/api/conversations/{group.Id}/messages/{ack.Seq}/files/{blob}/link", null),
            HttpStatusCode.NotFound, ErrorCodes.AttachmentNotFound);
        Assert.Equal(HttpStatusCode.OK, (await aliceHttp.GetAsync((await LinkAsync(aliceHttp, group.Id, ack.Seq, blob)).Url)).StatusCode);
    }

    [Fact]
    public async Task The_download_route_also_takes_the_members_cookie_so_pictures_and_players_can_use_links()
    {
        await using var pair = await fixture.PairAsync();
        var upload = await pair.AliceTus.UploadReadyAsync("borang.pdf", null, Pdf(3000));
        var message = await pair.SendAsync("Borang", new AttachmentInputDtoFor(upload));
        var link = await LinkAsync(pair.BobHttp, pair.Chat, message.Seq, message.Attachments![0].BlobId);

        var cookies = new CookieContainer();
        using var browserLike = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = Stack.GatewayUri };
        using (var set = new HttpRequestMessage(HttpMethod.Post, "/api/files/cookie"))
        {
            set.Headers.Authorization = new AuthenticationHeaderValue("Bearer", pair.Bob.Session.AccessToken);
            Assert.Equal(HttpStatusCode.NoContent, (await browserLike.SendAsync(set)).StatusCode);
        }
        var cookie = Assert.Single(cookies.GetAllCookies());
        Assert.True(cookie.HttpOnly);
        Assert.Equal("/files", cookie.Path);

        // No header: the cookie alone, for the member the link was made for.
        Assert.Equal(HttpStatusCode.OK, (await browserLike.GetAsync(link.Url)).StatusCode);
        var aliceLink = await LinkAsync(pair.AliceHttp, pair.Chat, message.Seq, message.Attachments![0].BlobId);
        await GatewayFixture.AssertProblem(await browserLike.GetAsync(aliceLink.Url), HttpStatusCode.Forbidden, ErrorCodes.LinkInvalid);
    }
}
