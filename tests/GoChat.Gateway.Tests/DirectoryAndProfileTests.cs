using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace GoChat.Gateway.Tests;

/// <summary>Akses Kontak, profile cards, settings and pictures; what external users may see and do.</summary>
[Collection(GatewayCollection.Name)]
public sealed class DirectoryAndProfileTests(GatewayFixture fixture)
{
    // A real 1×1 PNG.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private GoChatStack Stack => fixture.Stack;

    [Fact]
    public async Task Directory_finds_colleagues_by_name_department_and_position_and_shows_their_card()
    {
        var (agency, domain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var aminah = await Staff(domain, "Aminah Yusof", "Pegawai Teknologi Maklumat", "Bahagian Pendigitalan");
        var badrul = await Staff(domain, "Badrul Hisham", "Akauntan", "Bahagian Kewangan");
        await Stack.RegisterAsync(GatewayFixture.ExternalEmail(), agency.Id); // pending: never listed
        using var http = Stack.HttpFor(aminah.AccessToken);

        Assert.Equal([aminah.UserId], await Search(http, $"q=aminah&agencyId={agency.Id}"));
        Assert.Equal([badrul.UserId], await Search(http, $"department=kewangan&agencyId={agency.Id}"));
        Assert.Equal([aminah.UserId], await Search(http, $"position=teknologi&agencyId={agency.Id}"));
        Assert.Equal([aminah.UserId, badrul.UserId], await Search(http, $"agencyId={agency.Id}"));
        Assert.Equal([aminah.UserId, badrul.UserId], await Search(http, $"q={Uri.EscapeDataString(agency.Name)}"));
        Assert.Empty(await Search(http, $"q=%25&agencyId={agency.Id}")); // a literal %, not "anything"

        var card = await http.GetFromJsonAsync<UserProfile>($"/api/users/{badrul.UserId}");
        Assert.Equal("Badrul Hisham", card!.DisplayName);
        Assert.Equal("Akauntan", card.Position);
        Assert.Equal("Bahagian Kewangan", card.Department);
        Assert.Equal(agency.Name, card.AgencyName);
        Assert.False(card.IsExternal);

        await GatewayFixture.AssertProblem(await http.GetAsync($"/api/directory?limit=1000"), HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        await GatewayFixture.AssertProblem(await http.GetAsync($"/api/users/{Guid.NewGuid()}"), HttpStatusCode.NotFound, ErrorCodes.UserNotFound);
    }

    [Fact]
    public async Task External_user_sees_only_the_agency_that_approved_them_until_an_admin_allows_more()
    {
        var (a, domainA) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var (_, domainB) = await fixture.CreateAgency(AgencyCategory.StateAgency);
        var marker = $"Penanda{Guid.NewGuid():N}"[..16];
        var colleague = await Staff(domainA, $"{marker} Anis", "Pengarah", "Pengurusan");
        var stranger = await Staff(domainB, $"{marker} Zul", "Pengarah", "Pengurusan");
        var vendor = await ApprovedExternal(a.Id);
        using var vendorHttp = Stack.HttpFor(vendor.AccessToken);
        using var strangerHttp = Stack.HttpFor(stranger.AccessToken);

        Assert.Equal([colleague.UserId], await Search(vendorHttp, $"q={marker}"));
        await GatewayFixture.AssertProblem(await vendorHttp.GetAsync($"/api/users/{stranger.UserId}"), HttpStatusCode.NotFound, ErrorCodes.UserNotFound);
        Assert.Equal(HttpStatusCode.OK, (await vendorHttp.GetAsync($"/api/users/{colleague.UserId}")).StatusCode);

        // Staff see the vendor, marked as external.
        var seen = await strangerHttp.GetFromJsonAsync<UserProfile>($"/api/users/{vendor.UserId}");
        Assert.True(seen!.IsExternal);
        Assert.Equal(a.Name, seen.AgencyName);

        await using var vendorChat = new ChatClient(Stack.GatewayUri, vendor.AsSession());
        await vendorChat.StartAsync();
        HubErrors.AssertCode(ErrorCodes.UserNotFound, await Assert.ThrowsAnyAsync<Exception>(() => vendorChat.CreateDirectAsync(stranger.UserId)));
        await vendorChat.CreateDirectAsync(colleague.UserId);

        using var platform = Stack.HttpFor((await fixture.PlatformAdmin()).AccessToken);
        var allowed = await platform.PutAsJsonAsync($"/api/admin/users/{vendor.UserId}/permissions", new { canCreateGroups = false, canSeeAllAgencies = true });
        Assert.True((await allowed.Content.ReadFromJsonAsync<AccountInfo>())!.CanSeeAllAgencies);

        Assert.Equal([colleague.UserId, stranger.UserId], await Search(vendorHttp, $"q={marker}"));
        Assert.Equal(HttpStatusCode.OK, (await vendorHttp.GetAsync($"/api/users/{stranger.UserId}")).StatusCode);
        await vendorChat.CreateDirectAsync(stranger.UserId);
    }

    [Fact]
    public async Task External_user_cannot_create_a_group_until_an_admin_allows_it()
    {
        var (a, domainA) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var colleague = await Staff(domainA, "Chong Wei", "Jurutera", "Operasi");
        var vendor = await ApprovedExternal(a.Id);
        await using var vendorChat = new ChatClient(Stack.GatewayUri, vendor.AsSession());
        await vendorChat.StartAsync();
        var name = $"Projek {Guid.NewGuid():N}"[..20];

        HubErrors.AssertCode(ErrorCodes.Forbidden, await Assert.ThrowsAnyAsync<Exception>(() => vendorChat.CreateGroupAsync(name, [colleague.UserId])));
        Assert.Equal(0, await fixture.CountRowsWithText(name));

        using var platform = Stack.HttpFor((await fixture.PlatformAdmin()).AccessToken);
        (await platform.PutAsJsonAsync($"/api/admin/users/{vendor.UserId}/permissions", new { canCreateGroups = true, canSeeAllAgencies = false })).EnsureSuccessStatusCode();

        var group = await vendorChat.CreateGroupAsync(name, [colleague.UserId]);
        Assert.Equal(name, group.Name);
        // Staff have every permission already: there is nothing to set for them.
        await GatewayFixture.AssertProblem(
            await platform.PutAsJsonAsync($"/api/admin/users/{colleague.UserId}/permissions", new { canCreateGroups = false, canSeeAllAgencies = false }),
            HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
    }

    [Fact]
    public async Task An_account_waiting_for_approval_cannot_be_put_in_a_group()
    {
        var (a, domainA) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var owner = await Staff(domainA, "Aminah", "Pegawai", "Khidmat");
        var pending = await (await Stack.RegisterAsync(GatewayFixture.ExternalEmail(), a.Id)).Content.ReadFromJsonAsync<PendingAnswer>();
        await using var chat = new ChatClient(Stack.GatewayUri, owner.AsSession());
        await chat.StartAsync();
        var name = $"Kumpulan {Guid.NewGuid():N}"[..20];

        HubErrors.AssertCode(ErrorCodes.UserNotFound, await Assert.ThrowsAnyAsync<Exception>(() => chat.CreateGroupAsync(name, [pending!.UserId])));
        Assert.Equal(0, await fixture.CountRowsWithText(name));

        var group = await chat.CreateGroupAsync(name, []);
        HubErrors.AssertCode(ErrorCodes.UserNotFound, await Assert.ThrowsAnyAsync<Exception>(() =>
            chat.Connection.InvokeAsync<ConversationInfo>("AddMembers", group.Id.ToString(), new[] { pending!.UserId.ToString() })));
        var info = await chat.Connection.InvokeAsync<ConversationInfo>("GetConversation", group.Id.ToString());
        Assert.Equal([owner.UserId], info.Members.Select(m => m.UserId));
    }

    [Fact]
    public async Task Profile_and_settings_are_kept_over_REST_and_the_hub_and_reach_the_users_other_devices()
    {
        var (_, domain) = await fixture.CreateAgency(AgencyCategory.StatutoryBody);
        var me = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domain));
        using var http = Stack.HttpFor(me.AccessToken);
        await using var phone = new ChatClient(Stack.GatewayUri, me.AsSession());
        var profiles = new List<UserProfile>();
        var settings = new List<UserSettings>();
        phone.Connection.On<UserProfile>("ProfileChanged", p => { lock (profiles) profiles.Add(p); });
        phone.Connection.On<UserSettings>("SettingsChanged", s => { lock (settings) settings.Add(s); });
        await phone.StartAsync();
        await phone.SyncAsync(); // a hub call runs after the connection's start, which attached it to the user's events

        var put = await http.PutAsJsonAsync("/api/me/profile", new { displayName = "Dr. Siti Nur", position = "Ketua Penolong Pengarah", department = "Dasar", statusText = "Bercuti hingga Isnin", availability = "OutOfOffice" });
        put.EnsureSuccessStatusCode();
        await phone.WaitUntil(_ => { lock (profiles) return profiles.Any(p => p.DisplayName == "Dr. Siti Nur"); }, "the profile change on the other device");
        var viaHub = await phone.Connection.InvokeAsync<UserProfile>("GetProfile", me.UserId.ToString());
        Assert.Equal(("Ketua Penolong Pengarah", "Dasar", "Bercuti hingga Isnin", Availability.OutOfOffice),
            (viaHub.Position, viaHub.Department, viaHub.StatusText, viaHub.Availability));

        var updated = await phone.Connection.InvokeAsync<UserProfile>("UpdateProfile", new ProfileUpdate("Siti Nur", "Pengarah", "Dasar", null, Availability.Busy));
        Assert.Equal("Pengarah", (await http.GetFromJsonAsync<UserProfile>("/api/me/profile"))!.Position);
        Assert.Equal(Availability.Busy, updated.Availability);

        (await http.PutAsJsonAsync("/api/me/settings", new { readReceipts = true, notifications = false, notificationSound = false, notificationPreview = true, language = "en" })).EnsureSuccessStatusCode();
        await phone.WaitUntil(_ => { lock (settings) return settings.Any(s => s.Language == "en"); }, "the settings change on the other device");
        var stored = await phone.Connection.InvokeAsync<UserSettings>("GetSettings");
        Assert.Equal(new UserSettings(ReadReceipts: true, Notifications: false, NotificationSound: false, NotificationPreview: true, Language: "en"), stored);

        // Bad input is refused and changes nothing.
        await GatewayFixture.AssertProblem(await http.PutAsJsonAsync("/api/me/profile", new { displayName = "  " }), HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        await GatewayFixture.AssertProblem(await http.PutAsJsonAsync("/api/me/profile", new { displayName = "Siti", statusText = new string('x', Limits.MaxStatusTextLength + 1) }), HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        await GatewayFixture.AssertProblem(await http.PutAsJsonAsync("/api/me/settings", new { language = "fr" }), HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        HubErrors.AssertCode(ErrorCodes.InvalidArgument, await Assert.ThrowsAnyAsync<Exception>(() =>
            phone.Connection.InvokeAsync<UserProfile>("UpdateProfile", new ProfileUpdate(""))));
        var after = await http.GetFromJsonAsync<UserProfile>("/api/me/profile");
        Assert.Equal(updated with { AgencyName = after!.AgencyName }, after);
        Assert.Equal(stored, await http.GetFromJsonAsync<UserSettings>("/api/me/settings"));
        Assert.Equal("Siti Nur", await fixture.Scalar<string>($"SELECT display_name FROM gochat_users WHERE id = '{me.UserId}'"));
    }

    [Fact]
    public async Task Profile_picture_must_be_a_real_image_within_the_size_limit()
    {
        var (_, domain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var me = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domain));
        var colleague = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domain));
        using var http = Stack.HttpFor(me.AccessToken);
        using var viewer = Stack.HttpFor(colleague.AccessToken);

        var uploaded = await Upload(http, Png, "image/png");
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var version = (await uploaded.Content.ReadFromJsonAsync<UserProfile>())!.PhotoVersion;
        Assert.True(version > 0);
        var served = await viewer.GetAsync($"/api/users/{me.UserId}/photo");
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        var stored = await served.Content.ReadAsByteArrayAsync(); // re-encoded: the same pixels, not the same bytes
        using (var decoded = SkiaSharp.SKBitmap.Decode(stored)) Assert.Equal((1, 1), (decoded.Width, decoded.Height));
        Assert.Equal("nosniff", string.Join("", served.Headers.GetValues("X-Content-Type-Options"))); // a picture is never run as a script
        using (var conditional = new HttpRequestMessage(HttpMethod.Get, $"/api/users/{me.UserId}/photo"))
        {
            conditional.Headers.IfNoneMatch.Add(served.Headers.ETag!);
            Assert.Equal(HttpStatusCode.NotModified, (await viewer.SendAsync(conditional)).StatusCode);
        }

        await GatewayFixture.AssertProblem(await Upload(http, "<script>alert(1)</script>"u8.ToArray(), "image/png"), HttpStatusCode.UnsupportedMediaType, ErrorCodes.UnsupportedImage);
        await GatewayFixture.AssertProblem(await Upload(http, "GIF89a\u0001\u0000"u8.ToArray(), "image/gif"), HttpStatusCode.UnsupportedMediaType, ErrorCodes.UnsupportedImage);
        var huge = new byte[Limits.MaxPhotoBytes + 1];
        Png.CopyTo(huge, 0);
        await GatewayFixture.AssertProblem(await Upload(http, huge, "image/png"), HttpStatusCode.RequestEntityTooLarge, ErrorCodes.PhotoTooLarge);
        Assert.Equal(stored, await viewer.GetByteArrayAsync($"/api/users/{me.UserId}/photo"));
        Assert.Equal(version, await fixture.Scalar<long>($"SELECT version FROM gochat_profile_photos WHERE user_id = '{me.UserId}'"));

        (await http.DeleteAsync("/api/me/photo")).EnsureSuccessStatusCode();
        await GatewayFixture.AssertProblem(await viewer.GetAsync($"/api/users/{me.UserId}/photo"), HttpStatusCode.NotFound, ErrorCodes.UserNotFound);
        Assert.Equal(0L, await fixture.Scalar<long>($"SELECT count(*) FROM gochat_profile_photos WHERE user_id = '{me.UserId}'"));
    }

    [Fact]
    public async Task Polyglot_png_with_html_is_not_served_back()
    {
        var (_, domain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var me = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domain));
        var colleague = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domain));
        using var http = Stack.HttpFor(me.AccessToken);
        using var viewer = Stack.HttpFor(colleague.AccessToken);
        byte[] polyglot = [.. Png, .. "<html><body><script>fetch('/api/me').then(r => r.text()).then(alert)</script></body></html>"u8];

        Assert.Equal(HttpStatusCode.OK, (await Upload(http, polyglot, "image/png")).StatusCode);

        var served = await viewer.GetAsync($"/api/users/{me.UserId}/photo");
        var bytes = await served.Content.ReadAsByteArrayAsync();
        Assert.DoesNotContain("<html", System.Text.Encoding.Latin1.GetString(bytes), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", System.Text.Encoding.Latin1.GetString(bytes), StringComparison.OrdinalIgnoreCase);
        using var decoded = SkiaSharp.SKBitmap.Decode(bytes);
        Assert.NotNull(decoded);
        Assert.Equal((1, 1), (decoded.Width, decoded.Height));
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        var storedBytes = await fixture.Scalar<byte[]>($"SELECT data FROM gochat_profile_photos WHERE user_id = '{me.UserId}'");
        Assert.Equal(bytes, storedBytes);

        // Garbage behind a PNG signature is no picture at all.
        byte[] garbage = [.. Png[..8], .. "<html>not an image</html>"u8];
        await GatewayFixture.AssertProblem(await Upload(http, garbage, "image/png"), HttpStatusCode.UnsupportedMediaType, ErrorCodes.UnsupportedImage);
        Assert.Equal(bytes, await viewer.GetByteArrayAsync($"/api/users/{me.UserId}/photo"));
    }

    private async Task<SignIn> Staff(string domain, string name, string position, string department)
    {
        var staff = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domain));
        using var http = Stack.HttpFor(staff.AccessToken);
        (await http.PutAsJsonAsync("/api/me/profile", new { displayName = name, position, department })).EnsureSuccessStatusCode();
        return staff;
    }

    private async Task<SignIn> ApprovedExternal(Guid agencyId)
    {
        var email = GatewayFixture.ExternalEmail();
        var pending = await (await Stack.RegisterAsync(email, agencyId)).Content.ReadFromJsonAsync<PendingAnswer>();
        using var platform = Stack.HttpFor((await fixture.PlatformAdmin()).AccessToken);
        (await platform.PostAsync($"/api/admin/users/{pending!.UserId}/approve", null)).EnsureSuccessStatusCode();
        var vendor = await Stack.SignInWithEmailAsync(email);
        Assert.True(vendor.Account.IsExternal);
        Assert.False(vendor.Account.CanCreateGroups);
        return vendor;
    }

    private static async Task<List<Guid>> Search(HttpClient http, string query)
    {
        var hits = await http.GetFromJsonAsync<List<UserProfile>>($"/api/directory?{query}");
        return hits!.Select(h => h.UserId).ToList();
    }

    private static Task<HttpResponseMessage> Upload(HttpClient http, byte[] data, string contentType)
    {
        var content = new ByteArrayContent(data);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return http.PutAsync("/api/me/photo", content);
    }
}
