using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace GoChat.Gateway.Tests;

/// <summary>
/// Passkeys end to end: a software authenticator (P-256, "none" attestation) registers through the real REST
/// routes after a code sign-in, signs in instead of the code, and the gateway's FIDO2 library and the passkey grain
/// refuse what a hostile client tries: a revoked or cloned credential, a replayed challenge, a foreign origin.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class PasskeyTests(GatewayFixture fixture)
{
    private GoChatStack Stack => fixture.Stack;

    /// <summary>Browsers cannot use an IP address as a relying party; the gateway's default is localhost on its own port.</summary>
    private string Origin => $"http://localhost:{Stack.GatewayUri.Port}";

    [Fact]
    public async Task Passkey_added_after_a_code_sign_in_signs_in_without_a_code()
    {
        var staff = await NewStaff();
        using var http = Stack.HttpFor(staff.AccessToken);
        var phone = new SoftwareAuthenticator(Origin);

        var added = await Register(http, phone, "Telefon kerja");
        var signIn = await SignIn(phone, "Telefon");

        Assert.Equal(phone.Id, added.Id);
        Assert.Equal("Telefon kerja", added.Name);
        Assert.Equal(phone.Aaguid, added.Aaguid);
        Assert.Equal(staff.UserId, signIn.UserId);
        Assert.NotEqual(staff.DeviceId, signIn.DeviceId);
        using var passkeySession = Stack.HttpFor(signIn.AccessToken);
        var me = await passkeySession.GetFromJsonAsync<AccountInfo>("/api/me");
        Assert.Equal(staff.UserId, me!.UserId);
        var listed = Assert.Single((await http.GetFromJsonAsync<List<PasskeyInfo>>("/api/me/passkeys"))!);
        Assert.NotNull(listed.LastUsedAt);
        var refreshed = await Stack.Http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = signIn.RefreshToken });
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal(1, await Audits("passkey.registered", staff.UserId));
        Assert.Equal(1, await Audits("auth.passkey_signed_in", staff.UserId));
    }

    [Fact]
    public async Task Several_passkeys_are_listed_and_a_revoked_one_no_longer_signs_in()
    {
        var staff = await NewStaff();
        using var http = Stack.HttpFor(staff.AccessToken);
        var phone = new SoftwareAuthenticator(Origin);
        var laptop = new SoftwareAuthenticator(Origin);
        await Register(http, phone, "Telefon");
        await Register(http, laptop, "Komputer riba");

        var both = await http.GetFromJsonAsync<List<PasskeyInfo>>("/api/me/passkeys");
        var revoke = await http.DeleteAsync($"/api/me/passkeys/{phone.Id}");
        var revokedSignIn = await TrySignIn(phone);
        var again = await http.DeleteAsync($"/api/me/passkeys/{phone.Id}");

        Assert.Equal(["Telefon", "Komputer riba"], both!.Select(p => p.Name));
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        await GatewayFixture.AssertProblem(revokedSignIn, HttpStatusCode.BadRequest, ErrorCodes.PasskeyInvalid);
        await GatewayFixture.AssertProblem(again, HttpStatusCode.NotFound, ErrorCodes.PasskeyNotFound);
        Assert.Equal([laptop.Id], (await http.GetFromJsonAsync<List<PasskeyInfo>>("/api/me/passkeys"))!.Select(p => p.Id));
        Assert.Equal(staff.UserId, (await SignIn(laptop)).UserId);
        Assert.Equal(0L, await fixture.Scalar<long>("SELECT count(*) FROM gochat_passkeys WHERE user_id = @u AND credential_id = @c", ("u", staff.UserId), ("c", phone.CredentialId)));
        Assert.Equal(1, await Audits("passkey.revoked", staff.UserId));
        var renamed = await http.PatchAsJsonAsync($"/api/me/passkeys/{laptop.Id}", new { name = "Komputer pejabat" });
        Assert.Equal("Komputer pejabat", (await renamed.Content.ReadFromJsonAsync<PasskeyInfo>())!.Name);
    }

    [Fact]
    public async Task Cloned_authenticator_whose_counter_did_not_increase_is_refused_and_audited()
    {
        var staff = await NewStaff();
        using var http = Stack.HttpFor(staff.AccessToken);
        var phone = new SoftwareAuthenticator(Origin);
        await Register(http, phone, "Telefon");
        var copy = phone.Clone();
        await SignIn(phone);
        await SignIn(phone);
        var devicesBefore = (await http.GetFromJsonAsync<List<DeviceSession>>("/api/me/devices"))!.Count;

        // The copy's counter (1) is behind the original's (2): the library refuses it before the grain sees it.
        var behind = await TrySignIn(copy);
        // Equal to the stored counter: as a replayed signature would be.
        copy.SignCount = phone.SignCount - 1;
        var equal = await TrySignIn(copy);

        await GatewayFixture.AssertProblem(behind, HttpStatusCode.Forbidden, ErrorCodes.PasskeyCloned);
        await GatewayFixture.AssertProblem(equal, HttpStatusCode.Forbidden, ErrorCodes.PasskeyCloned);
        Assert.Equal(2, await Audits("auth.passkey_cloned", staff.UserId));
        Assert.Equal(devicesBefore, (await http.GetFromJsonAsync<List<DeviceSession>>("/api/me/devices"))!.Count);
        Assert.Equal(staff.UserId, (await SignIn(phone)).UserId);
    }

    [Fact]
    public async Task Passkey_grain_refuses_a_counter_that_did_not_increase_whatever_a_gateway_verified()
    {
        var staff = await NewStaff();
        using var http = Stack.HttpFor(staff.AccessToken);
        var phone = new SoftwareAuthenticator(Origin);
        await Register(http, phone, "Telefon");
        // What two gateways do when each verified a copy against the same stored counter: the grain decides.
        var passkeys = Stack.GatewayServices.GetRequiredService<IGrainFactory>().GetGrain<IPasskeyGrain>(staff.UserId);

        var first = await passkeys.SignIn(phone.CredentialId, 1, "a");
        var same = await Assert.ThrowsAsync<GoChatException>(() => passkeys.SignIn(phone.CredentialId, 1, "b"));
        var zero = await Assert.ThrowsAsync<GoChatException>(() => passkeys.SignIn(phone.CredentialId, 0, "c"));

        Assert.True(first.PasskeyVerified);
        Assert.Equal(ErrorCodes.PasskeyCloned, same.Code);
        Assert.Equal(ErrorCodes.PasskeyCloned, zero.Code);
        Assert.Equal(1u, (await passkeys.Get(phone.CredentialId))!.SignCount);
        Assert.Equal(2, await Audits("auth.passkey_cloned", staff.UserId));
    }

    [Fact]
    public async Task Two_copies_signing_in_at_once_let_only_one_in()
    {
        var staff = await NewStaff();
        using var http = Stack.HttpFor(staff.AccessToken);
        var phone = new SoftwareAuthenticator(Origin);
        await Register(http, phone, "Telefon");
        var copy = phone.Clone();

        // Both sign with counter 1 against a stored 0: the library passes both; the grain lets one through.
        var optionsA = await AssertionOptions();
        var optionsB = await AssertionOptions();
        var a = Stack.Http.PostAsJsonAsync("/api/auth/passkey/verify", new { credential = phone.Get(optionsA) });
        var b = Stack.Http.PostAsJsonAsync("/api/auth/passkey/verify", new { credential = copy.Get(optionsB) });
        var answers = await Task.WhenAll(a, b);

        Assert.Equal(1, answers.Count(r => r.StatusCode == HttpStatusCode.OK));
        var refused = Assert.Single(answers, r => r.StatusCode != HttpStatusCode.OK);
        await GatewayFixture.AssertProblem(refused, HttpStatusCode.Forbidden, ErrorCodes.PasskeyCloned);
        Assert.Equal(1, await Audits("auth.passkey_cloned", staff.UserId));
    }

    [Fact]
    public async Task Sign_in_challenge_is_used_once_and_expires()
    {
        var staff = await NewStaff();
        using var http = Stack.HttpFor(staff.AccessToken);
        var phone = new SoftwareAuthenticator(Origin);
        await Register(http, phone, "Telefon");

        var options = await AssertionOptions();
        var answer = new { credential = phone.Get(options) };
        var first = await Stack.Http.PostAsJsonAsync("/api/auth/passkey/verify", answer);
        var replay = await Stack.Http.PostAsJsonAsync("/api/auth/passkey/verify", answer);
        var late = await AssertionOptions();
        Stack.Clock.Advance(TimeSpan.FromMinutes(3));
        var expired = await Stack.Http.PostAsJsonAsync("/api/auth/passkey/verify", new { credential = phone.Get(late) });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await GatewayFixture.AssertProblem(replay, HttpStatusCode.BadRequest, ErrorCodes.PasskeyInvalid);
        await GatewayFixture.AssertProblem(expired, HttpStatusCode.BadRequest, ErrorCodes.PasskeyInvalid);
        Assert.Equal(0, await Audits("auth.passkey_cloned", staff.UserId));
    }

    [Fact]
    public async Task Registration_challenge_is_used_once_and_a_credential_belongs_to_one_account()
    {
        var (_, domain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var alice = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domain));
        var bob = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domain));
        using var aliceHttp = Stack.HttpFor(alice.AccessToken);
        using var bobHttp = Stack.HttpFor(bob.AccessToken);
        var phone = new SoftwareAuthenticator(Origin);

        var options = await CreationOptions(aliceHttp);
        var attestation = new { name = "Telefon", credential = phone.Create(options) };
        var first = await aliceHttp.PostAsJsonAsync("/api/me/passkeys", attestation);
        var replay = await aliceHttp.PostAsJsonAsync("/api/me/passkeys", attestation);
        var bobsTry = await bobHttp.PostAsJsonAsync("/api/me/passkeys", new { name = "Curi", credential = phone.Create(await CreationOptions(bobHttp)) });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await GatewayFixture.AssertProblem(replay, HttpStatusCode.BadRequest, ErrorCodes.PasskeyInvalid);
        await GatewayFixture.AssertProblem(bobsTry, HttpStatusCode.Conflict, ErrorCodes.Conflict);
        Assert.Empty((await bobHttp.GetFromJsonAsync<List<PasskeyInfo>>("/api/me/passkeys"))!);
        Assert.Single((await aliceHttp.GetFromJsonAsync<List<PasskeyInfo>>("/api/me/passkeys"))!);
    }

    [Fact]
    public async Task Assertion_from_another_origin_or_malformed_is_refused()
    {
        var staff = await NewStaff();
        using var http = Stack.HttpFor(staff.AccessToken);
        var phone = new SoftwareAuthenticator(Origin);
        await Register(http, phone, "Telefon");

        phone.Origin = $"http://evil.localhost:{Stack.GatewayUri.Port}";
        var foreign = await TrySignIn(phone);
        var malformed = await Stack.Http.PostAsJsonAsync("/api/auth/passkey/verify", new { credential = 5 });
        var garbage = await Stack.Http.PostAsJsonAsync("/api/auth/passkey/verify", new { credential = new { id = "AA", rawId = "AA", type = "public-key", response = new { clientDataJSON = "e30", authenticatorData = "AA", signature = "AA" }, clientExtensionResults = new { } } });

        await GatewayFixture.AssertProblem(foreign, HttpStatusCode.BadRequest, ErrorCodes.PasskeyInvalid);
        await GatewayFixture.AssertProblem(malformed, HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        await GatewayFixture.AssertProblem(garbage, HttpStatusCode.BadRequest, ErrorCodes.PasskeyInvalid);
        Assert.Single((await http.GetFromJsonAsync<List<DeviceSession>>("/api/me/devices"))!);
    }

    [Fact]
    public async Task Admin_of_an_agency_requiring_passkeys_needs_a_passkey_session_for_admin_routes()
    {
        var (agency, domain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var admin = await AgencyAdmin(domain);
        using var codeSession = Stack.HttpFor(admin.AccessToken);
        var users = $"/api/admin/agencies/{agency.Id}/users";
        Assert.Equal(HttpStatusCode.OK, (await codeSession.GetAsync(users)).StatusCode);

        var set = await codeSession.PutAsJsonAsync($"/api/admin/agencies/{agency.Id}/security", new { requirePasskeyForAdmins = true });
        var refusedList = await codeSession.GetAsync(users);
        var refusedSecurity = await codeSession.GetAsync($"/api/admin/agencies/{agency.Id}/security");
        var phone = new SoftwareAuthenticator(Origin);
        await Register(codeSession, phone, "Telefon pentadbir");
        var passkey = await SignIn(phone);
        using var passkeySession = Stack.HttpFor(passkey.AccessToken);
        var allowed = await passkeySession.GetAsync(users);
        var refreshed = (await (await Stack.Http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = passkey.RefreshToken })).Content.ReadFromJsonAsync<SignIn>())!;
        using var refreshedSession = Stack.HttpFor(refreshed.AccessToken);

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        await GatewayFixture.AssertProblem(refusedList, HttpStatusCode.Forbidden, ErrorCodes.PasskeyRequired);
        await GatewayFixture.AssertProblem(refusedSecurity, HttpStatusCode.Forbidden, ErrorCodes.PasskeyRequired);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await refreshedSession.GetAsync(users)).StatusCode);
        var security = await passkeySession.GetFromJsonAsync<AgencySecurity>($"/api/admin/agencies/{agency.Id}/security");
        Assert.True(security!.RequirePasskeyForAdmins);
        // Other staff are not admins: their own routes never asked for a passkey.
        Assert.Equal(HttpStatusCode.OK, (await codeSession.GetAsync("/api/me")).StatusCode);
        Assert.Equal(1L, await fixture.Scalar<long>("SELECT count(*) FROM gochat_audit_log WHERE action = 'agency.security_changed' AND agency_id = @a", ("a", agency.Id)));
        // Platform admins are bound by the platform's setting (off here), not by the agency's.
        using var platform = Stack.HttpFor((await fixture.PlatformAdmin()).AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await platform.GetAsync(users)).StatusCode);
    }

    [Fact]
    public async Task Agency_security_setting_needs_a_boolean_and_an_admin_of_that_agency()
    {
        var (agency, domain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var (_, otherDomain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        using var admin = Stack.HttpFor((await AgencyAdmin(domain)).AccessToken);
        using var otherAdmin = Stack.HttpFor((await AgencyAdmin(otherDomain)).AccessToken);
        var path = $"/api/admin/agencies/{agency.Id}/security";

        await GatewayFixture.AssertProblem(await admin.PutAsJsonAsync(path, new { }), HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        await GatewayFixture.AssertProblem(await otherAdmin.PutAsJsonAsync(path, new { requirePasskeyForAdmins = true }), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        Assert.False((await admin.GetFromJsonAsync<AgencySecurity>(path))!.RequirePasskeyForAdmins);
    }

    private async Task<SignIn> AgencyAdmin(string domain)
    {
        var staff = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domain));
        using var platform = Stack.HttpFor((await fixture.PlatformAdmin()).AccessToken);
        (await platform.PutAsJsonAsync($"/api/admin/users/{staff.UserId}/role", new { role = "AgencyAdmin" })).EnsureSuccessStatusCode();
        var refreshed = await Stack.Http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = staff.RefreshToken });
        refreshed.EnsureSuccessStatusCode();
        return (await refreshed.Content.ReadFromJsonAsync<SignIn>())!;
    }

    private static async Task<JsonElement> CreationOptions(HttpClient http)
    {
        var response = await http.PostAsync("/api/me/passkeys/options", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<PasskeyInfo> Register(HttpClient http, SoftwareAuthenticator authenticator, string name)
    {
        var options = await CreationOptions(http);
        var response = await http.PostAsJsonAsync("/api/me/passkeys", new { name, credential = authenticator.Create(options) });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PasskeyInfo>())!;
    }

    private async Task<JsonElement> AssertionOptions()
    {
        var response = await Stack.Http.PostAsync("/api/auth/passkey/options", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<HttpResponseMessage> TrySignIn(SoftwareAuthenticator authenticator, string device = "test") =>
        await Stack.Http.PostAsJsonAsync("/api/auth/passkey/verify", new { credential = authenticator.Get(await AssertionOptions()), deviceName = device });

    private async Task<SignIn> SignIn(SoftwareAuthenticator authenticator, string device = "test")
    {
        var response = await TrySignIn(authenticator, device);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SignIn>())!;
    }

    private Task<long> Audits(string action, Guid subject) =>
        fixture.Scalar<long>("SELECT count(*) FROM gochat_audit_log WHERE action = @a AND subject_id = @s", ("a", action), ("s", subject));

    /// <summary>A staff member of a fresh agency, signed in by code.</summary>
    private async Task<SignIn> NewStaff()
    {
        var (_, domain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        return await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domain));
    }
}
