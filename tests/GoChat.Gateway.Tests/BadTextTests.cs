using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace GoChat.Gateway.Tests;

/// <summary>
/// Text PostgreSQL cannot hold (U+0000), other controls, lone surrogates and invisible-only text, end to end: a
/// clear refusal at once, nothing stored, and everything around it still working.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class BadTextTests(GatewayFixture fixture)
{
    private GoChatStack Stack => fixture.Stack;

    [Fact]
    public async Task Message_with_nul_is_refused_and_the_conversation_keeps_working()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        var chat = await alice.CreateDirectAsync(bob.UserId);
        await bob.SyncAsync();

        var clock = Stopwatch.StartNew();
        var refused = await Assert.ThrowsAsync<HubException>(() => alice.SendAsync(chat.Id, "sebelum\0selepas"));
        HubErrors.AssertCode(ErrorCodes.InvalidText, refused);
        // It used to be retried for ~15 s as a database failure; a client's mistake is answered at once.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"Refusing took {clock.Elapsed}.");
        HubErrors.AssertCode(ErrorCodes.InvalidText, await Assert.ThrowsAsync<HubException>(() => alice.SendAsync(chat.Id, "bell\a")));
        HubErrors.AssertCode(ErrorCodes.InvalidText, await Assert.ThrowsAsync<HubException>(() =>
            alice.Connection.InvokeAsync<SendAck>("EditMessage", chat.Id.ToString(), 1L, "x\0", Guid.NewGuid().ToString("N"))));
        HubErrors.AssertCode(ErrorCodes.InvalidText, await Assert.ThrowsAsync<HubException>(() => alice.SendAsync(chat.Id, "ok", clientMessageId: "id\0")));

        var ack = await alice.SendAsync(chat.Id, "masih berfungsi");
        await bob.WaitForTexts(chat.Id, 1);
        Assert.Equal(["masih berfungsi"], bob.TextsIn(chat.Id).Select(m => m.Text));
        Assert.Equal(2, ack.Seq); // created, then this: the refused ones took no seq
        Assert.Equal(2, await fixture.CountRows(chat.Id));
        Assert.Equal(0, await fixture.CountMessages("conversation_id = @c AND body LIKE '%sebelum%'", ("c", chat.Id)));
    }

    [Fact]
    public async Task Zero_width_only_message_is_empty_text()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        var chat = await alice.CreateDirectAsync(bob.UserId);

        foreach (var invisible in new[] { "\u200b", "\u200c\u200d", " \u2060\ufeff ", "\u202e\u2066", "\u3164" })
        {
            HubErrors.AssertCode(ErrorCodes.EmptyText, await Assert.ThrowsAsync<HubException>(() => alice.SendAsync(chat.Id, invisible)));
        }
        HubErrors.AssertCode(ErrorCodes.InvalidArgument, await Assert.ThrowsAsync<HubException>(() =>
            alice.Connection.InvokeAsync<ConversationInfo>("CreateGroup", "\u200b\u200b", Array.Empty<string>())));
        Assert.Equal(1, await fixture.CountRows(chat.Id));
    }

    [Fact]
    public async Task Group_renamed_with_nul_changes_nothing()
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        HubErrors.AssertCode(ErrorCodes.InvalidText, await Assert.ThrowsAsync<HubException>(() => alice.CreateGroupAsync("Pasukan\0", [bob.UserId])));
        var group = await alice.CreateGroupAsync("Pasukan Projek", [bob.UserId]);
        var rows = await fixture.CountRows(group.Id);

        var refused = await Assert.ThrowsAsync<HubException>(() => alice.Connection.InvokeAsync("RenameConversation", group.Id.ToString(), "Pasukan\0Baru"));
        HubErrors.AssertCode(ErrorCodes.InvalidText, refused);
        HubErrors.AssertCode(ErrorCodes.InvalidText, await Assert.ThrowsAsync<HubException>(() =>
            alice.Connection.InvokeAsync("RenameConversation", group.Id.ToString(), "Pasukan\u001b[2J")));

        Assert.Equal("Pasukan Projek", (await alice.Connection.InvokeAsync<ConversationInfo>("GetConversation", group.Id.ToString())).Name);
        // The stored state, not an activation's memory: every idle activation goes, the group's too.
        await Stack.SiloServices.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal("Pasukan Projek", (await bob.Connection.InvokeAsync<ConversationInfo>("GetConversation", group.Id.ToString())).Name);
        Assert.Equal(rows, await fixture.CountRows(group.Id));
        // And the group still takes a valid rename.
        await alice.Connection.InvokeAsync("RenameConversation", group.Id.ToString(), "Pasukan Baru");
        Assert.Equal("Pasukan Baru", (await bob.Connection.InvokeAsync<ConversationInfo>("GetConversation", group.Id.ToString())).Name);
    }

    [Fact]
    public async Task An_escaped_surrogate_pair_is_text_like_any_other()
    {
        var (_, domain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var staff = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domain));
        using var http = Stack.HttpFor(staff.AccessToken);

        var body = """{"displayName":"Siti \ud83d\ude00"}""";
        var response = await http.PutAsync("/api/me/profile", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Siti \U0001F600", await fixture.Scalar<string>($"SELECT display_name FROM gochat_users WHERE id = '{staff.UserId}'"));
    }

    [Fact]
    public async Task Display_name_with_nul_is_refused_and_admin_can_still_suspend()
    {
        var (_, domain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var staff = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domain));
        using var http = Stack.HttpFor(staff.AccessToken);
        var before = await fixture.Scalar<string>($"SELECT display_name FROM gochat_users WHERE id = '{staff.UserId}'");

        await GatewayFixture.AssertProblem(await http.PutAsJsonAsync("/api/me/profile", new { displayName = "Siti\0Nur" }), HttpStatusCode.BadRequest, ErrorCodes.InvalidText);
        foreach (var field in new[] { "position", "department", "statusText" })
        {
            var body = new Dictionary<string, string> { ["displayName"] = "Siti", [field] = "x\u0001" };
            await GatewayFixture.AssertProblem(await http.PutAsJsonAsync("/api/me/profile", body), HttpStatusCode.BadRequest, ErrorCodes.InvalidText);
        }
        await using (var chat = new ChatClient(Stack.GatewayUri, staff.AsSession()))
        {
            await chat.StartAsync();
            HubErrors.AssertCode(ErrorCodes.InvalidText, await Assert.ThrowsAsync<HubException>(() =>
                chat.Connection.InvokeAsync<UserProfile>("UpdateProfile", new ProfileUpdate("Siti\0"))));
        }

        // Nothing changed, and the account still takes every later write: a photo, then a suspension.
        Assert.Equal(before, (await http.GetFromJsonAsync<UserProfile>("/api/me/profile"))!.DisplayName);
        var photo = new ByteArrayContent(Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="));
        photo.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        Assert.Equal(HttpStatusCode.OK, (await http.PutAsync("/api/me/photo", photo)).StatusCode);
        using var platform = Stack.HttpFor((await fixture.PlatformAdmin()).AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await platform.PostAsync($"/api/admin/users/{staff.UserId}/suspend", null)).StatusCode);
        Assert.Equal((short)AccountStatus.Suspended, await fixture.Scalar<short>($"SELECT status FROM gochat_users WHERE id = '{staff.UserId}'"));
        Assert.Equal(before, await fixture.Scalar<string>($"SELECT display_name FROM gochat_users WHERE id = '{staff.UserId}'"));
    }

    [Fact]
    public async Task Directory_search_with_nul_answers_400()
    {
        var (_, domain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var staff = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domain));
        using var http = Stack.HttpFor(staff.AccessToken);

        foreach (var query in new[] { "q=%00", "department=a%00b", "position=%1B", "q=%C2%85" })
        {
            await GatewayFixture.AssertProblem(await http.GetAsync($"/api/directory?{query}"), HttpStatusCode.BadRequest, ErrorCodes.InvalidText);
        }
        await using var chat = new ChatClient(Stack.GatewayUri, staff.AsSession());
        await chat.StartAsync();
        HubErrors.AssertCode(ErrorCodes.InvalidText, await Assert.ThrowsAsync<HubException>(() =>
            chat.Connection.InvokeAsync<List<UserProfile>>("SearchDirectory", new DirectoryQuery(Text: "\0"))));
        // A zero-width query is no filter, like an empty one.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/directory?q=%E2%80%8B")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_fields_with_controls_are_invalid_text()
    {
        var (_, domain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var email = GatewayFixture.StaffEmail(domain);
        await GatewayFixture.AssertProblem(await Stack.Http.PostAsJsonAsync("/api/auth/code", new { email = email + "\0" }), HttpStatusCode.BadRequest, ErrorCodes.InvalidText);
        await GatewayFixture.AssertProblem(await Stack.RegisterAsync(email, displayName: "Ali\0"), HttpStatusCode.BadRequest, ErrorCodes.InvalidText);
        await GatewayFixture.AssertProblem(await Stack.RegisterAsync(email, device: "telefon\u0007"), HttpStatusCode.BadRequest, ErrorCodes.InvalidText);
        // The refusals spent no code and made no account: the same address still signs in.
        var signIn = await Stack.SignInWithEmailAsync(email);
        Assert.NotEqual(Guid.Empty, signIn.UserId);
    }

    /// <summary>
    /// The .NET client cannot even send a lone surrogate (its UTF-8 encoder makes it U+FFFD), so these frames are
    /// written by hand, as a hostile client would: JSON with a "\ud800" escape, MessagePack with the surrogate's
    /// CESU-8 bytes (ED A0 80) in a str.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Lone_surrogate_is_refused_over_either_hub_protocol(bool messagePack)
    {
        await using var alice = await Stack.ConnectAsync(GatewayFixture.Handle("alice"));
        await using var bob = await Stack.ConnectAsync(GatewayFixture.Handle("bob"));
        var chat = await alice.CreateDirectAsync(bob.UserId);
        await bob.SyncAsync();
        await using var raw = await RawHubConnection.OpenAsync(Stack.GatewayUri, alice.Session.AccessToken, messagePack);

        var answer = await raw.InvokeSendMessage(chat.Id, "raw-1", "separuh ", [0xED, 0xA0, 0x80], " emoji");

        Assert.NotNull(answer.Error);
        Assert.DoesNotContain("at GoChat", answer.Error); // no stack trace, no internals
        Assert.Equal(1, await fixture.CountRows(chat.Id)); // only "created": nothing stored for it
        // The connection and the conversation go on.
        Assert.Null((await raw.InvokeSendMessage(chat.Id, "raw-2", "utuh", [], "")).Error);
        await bob.WaitForTexts(chat.Id, 1);
        Assert.Equal(["utuh"], bob.TextsIn(chat.Id).Select(m => m.Text));
    }
}
