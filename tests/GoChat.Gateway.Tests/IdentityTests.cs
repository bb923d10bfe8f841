using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace GoChat.Gateway.Tests;

/// <summary>Registration and sign-in by emailed code over real SMTP, sessions per device, agencies.</summary>
[Collection(GatewayCollection.Name)]
public sealed class IdentityTests(GatewayFixture fixture)
{
    private GoChatStack Stack => fixture.Stack;

    [Fact]
    public async Task Government_address_registers_into_its_agency_and_chats()
    {
        var (agency, domain) = await CreateAgency(AgencyCategory.FederalAgency);
        var alice = await Stack.SignInWithEmailAsync($"alice@{domain}");
        var bob = await Stack.SignInWithEmailAsync($"bob@unit.{domain}");

        Assert.Equal(agency.Id, alice.Account.AgencyId);
        Assert.Equal(agency.Id, bob.Account.AgencyId);
        Assert.Equal(AccountStatus.Active, alice.Account.Status);
        Assert.False(alice.Account.IsExternal);

        await using var aliceChat = new ChatClient(Stack.GatewayUri, alice.AsSession());
        await using var bobChat = new ChatClient(Stack.GatewayUri, bob.AsSession());
        await aliceChat.StartAsync();
        await bobChat.StartAsync();
        var chat = await aliceChat.CreateDirectAsync(bob.UserId);
        await bobChat.SyncAsync();
        await aliceChat.SendAsync(chat.Id, "Mesyuarat jam 3 petang");
        await bobChat.WaitForTexts(chat.Id, 1);
    }

    [Fact]
    public async Task External_address_must_choose_an_agency_and_then_waits_for_approval()
    {
        var (agency, _) = await CreateAgency(AgencyCategory.StatutoryBody);
        var email = $"vendor-{Guid.NewGuid():N}"[..16] + "@syarikat.com.my";

        var code = await Stack.RequestCodeAsync(email);
        var noAgency = await Verify(email, code, agencyId: null);
        var pending = await Verify(email, code, agency.Id);

        await AssertProblem(noAgency, HttpStatusCode.BadRequest, ErrorCodes.AgencyRequired);
        Assert.Equal(HttpStatusCode.Accepted, pending.StatusCode);
        var body = await pending.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(nameof(AccountStatus.PendingApproval), body.GetProperty("status").GetString());
        var again = await Stack.RegisterAsync(email, agency.Id);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
    }

    [Fact]
    public async Task Wrong_code_is_refused_and_too_many_attempts_void_the_code()
    {
        var email = $"carol@{await NewGovDomain()}";
        var code = await Stack.RequestCodeAsync(email);
        var wrong = code == "000000" ? "111111" : "000000";

        await AssertProblem(await Verify(email, wrong), HttpStatusCode.BadRequest, ErrorCodes.InvalidCode);
        for (var i = 0; i < 3; i++) await Verify(email, wrong);
        await AssertProblem(await Verify(email, wrong), HttpStatusCode.TooManyRequests, ErrorCodes.TooManyAttempts);
        await AssertProblem(await Verify(email, code), HttpStatusCode.BadRequest, ErrorCodes.InvalidCode);

        var fresh = await Stack.RequestCodeAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await Verify(email, fresh)).StatusCode);
    }

    [Fact]
    public async Task Expired_code_is_refused()
    {
        var email = $"dina@{await NewGovDomain()}";
        var code = await Stack.RequestCodeAsync(email);

        Stack.Clock.Advance(TimeSpan.FromMinutes(11));

        await AssertProblem(await Verify(email, code), HttpStatusCode.BadRequest, ErrorCodes.CodeExpired);
    }

    [Fact]
    public async Task Code_requests_are_limited_per_address_and_never_reveal_registration()
    {
        var registered = $"eve@{await NewGovDomain()}";
        await Stack.SignInWithEmailAsync(registered);
        var unknown = $"nobody-{Guid.NewGuid():N}"[..16] + "@example.org";

        var forRegistered = await Stack.Http.PostAsJsonAsync("/api/auth/code", new { email = registered });
        var forUnknown = await Stack.Http.PostAsJsonAsync("/api/auth/code", new { email = unknown });
        Assert.Equal(forRegistered.StatusCode, forUnknown.StatusCode);
        Assert.Equal(await forRegistered.Content.ReadAsStringAsync(), await forUnknown.Content.ReadAsStringAsync());

        HttpResponseMessage last = forUnknown;
        for (var i = 0; i < 5; i++) last = await Stack.Http.PostAsJsonAsync("/api/auth/code", new { email = unknown });
        await AssertProblem(last, HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited);
        Assert.Equal(5, Stack.MailsTo(unknown).Count);
    }

    [Fact]
    public async Task Malformed_email_is_refused_with_problem_details()
    {
        var response = await Stack.Http.PostAsJsonAsync("/api/auth/code", new { email = "not an email" });

        await AssertProblem(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
    }

    [Fact]
    public async Task Refresh_rotates_and_a_reused_refresh_token_ends_the_device_session()
    {
        var me = await Stack.SignInWithEmailAsync($"faris@{await NewGovDomain()}");

        var first = await Stack.Http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = me.RefreshToken });
        var rotated = (await first.Content.ReadFromJsonAsync<SignIn>())!;
        var reuse = await Stack.Http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = me.RefreshToken });
        var afterReuse = await Stack.Http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = rotated.RefreshToken });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotEqual(me.RefreshToken, rotated.RefreshToken);
        Assert.Equal(me.DeviceId, rotated.DeviceId);
        await AssertProblem(reuse, HttpStatusCode.Unauthorized, ErrorCodes.InvalidSession);
        await AssertProblem(afterReuse, HttpStatusCode.Unauthorized, ErrorCodes.InvalidSession);
    }

    [Fact]
    public async Task Devices_are_listed_and_signed_out_one_at_a_time()
    {
        var email = $"gina@{await NewGovDomain()}";
        var phone = await Stack.SignInWithEmailAsync(email);
        var laptopResponse = await Stack.RegisterAsync(email, device: "Laptop pejabat");
        var laptop = (await laptopResponse.Content.ReadFromJsonAsync<SignIn>())!;
        using var http = Stack.HttpFor(laptop.AccessToken);

        var devices = await http.GetFromJsonAsync<List<DeviceSession>>("/api/me/devices");
        Assert.Equal(2, devices!.Count);
        Assert.Contains(devices, d => d.Name == "Laptop pejabat");

        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync($"/api/me/devices/{phone.DeviceId}")).StatusCode);
        var phoneRefresh = await Stack.Http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = phone.RefreshToken });
        await AssertProblem(phoneRefresh, HttpStatusCode.Unauthorized, ErrorCodes.InvalidSession);
        Assert.Single((await http.GetFromJsonAsync<List<DeviceSession>>("/api/me/devices"))!);
    }

    [Fact]
    public async Task Signing_out_everywhere_cuts_connections_and_voids_access_tokens()
    {
        var me = await Stack.SignInWithEmailAsync($"hana@{await NewGovDomain()}");
        await using var client = new ChatClient(Stack.GatewayUri, me.AsSession());
        var closed = new TaskCompletionSource();
        client.Connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await client.StartAsync();
        using var http = Stack.HttpFor(me.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsync("/api/auth/sign-out-everywhere", null)).StatusCode);

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/me")).StatusCode);
        await using var again = new ChatClient(Stack.GatewayUri, me.AsSession());
        await Assert.ThrowsAnyAsync<Exception>(again.StartAsync);
    }

    [Fact]
    public async Task Only_platform_admins_create_agencies_and_a_domain_has_one_owner()
    {
        var domain = await NewGovDomain();
        var user = await Stack.SignInWithEmailAsync($"ivan@{domain}");
        using var asUser = Stack.HttpFor(user.AccessToken);
        using var asAdmin = Stack.HttpFor((await fixture.PlatformAdmin()).AccessToken);
        var before = await Stack.Http.GetFromJsonAsync<List<AgencyInfo>>("/api/agencies");

        var byUser = await asUser.PostAsJsonAsync("/api/admin/agencies", new { name = "Agensi Palsu", category = AgencyCategory.FederalAgency, domains = new[] { "palsu.gov.my" } });
        var duplicate = await asAdmin.PostAsJsonAsync("/api/admin/agencies", new { name = "Pendua", category = AgencyCategory.FederalAgency, domains = new[] { domain } });

        Assert.Equal(HttpStatusCode.Forbidden, byUser.StatusCode);
        await AssertProblem(duplicate, HttpStatusCode.Conflict, ErrorCodes.Conflict);
        var after = await Stack.Http.GetFromJsonAsync<List<AgencyInfo>>("/api/agencies");
        Assert.Equal(before!.Select(a => a.Id).Order(), after!.Select(a => a.Id).Order());
    }

    private Task<(AgencyInfo Agency, string Domain)> CreateAgency(AgencyCategory category) => fixture.CreateAgency(category);

    private async Task<string> NewGovDomain() => (await fixture.CreateAgency(AgencyCategory.FederalAgency)).Domain;

    private Task<HttpResponseMessage> Verify(string email, string code, Guid? agencyId = null) =>
        Stack.Http.PostAsJsonAsync("/api/auth/verify", new { email, code, deviceName = "test", agencyId });

    private static Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string code) => GatewayFixture.AssertProblem(response, status, code);
}
