using System.Net;
using System.Net.Http.Json;

namespace GoChat.Gateway.Tests;

/// <summary>Agency admins run their own agency over REST, never another's; every action lands in the audit chain.</summary>
[Collection(GatewayCollection.Name)]
public sealed class AdminTests(GatewayFixture fixture)
{
    private GoChatStack Stack => fixture.Stack;

    [Fact]
    public async Task External_user_approved_by_an_agency_admin_can_then_sign_in()
    {
        var (agency, domain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        using var admin = Stack.HttpFor((await AgencyAdmin(agency.Id, domain)).AccessToken);
        var email = GatewayFixture.ExternalEmail();
        Assert.Equal(HttpStatusCode.Accepted, (await Stack.RegisterAsync(email, agency.Id)).StatusCode);

        var pending = await admin.GetFromJsonAsync<List<DirectoryUser>>($"/api/admin/agencies/{agency.Id}/users?status=PendingApproval");
        var vendor = Assert.Single(pending!);
        Assert.Equal(email, vendor.Email);
        Assert.True(vendor.IsExternal);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/admin/users/{vendor.UserId}/approve", null)).StatusCode);

        var signIn = await Stack.SignInWithEmailAsync(email);
        Assert.Equal(AccountStatus.Active, signIn.Account.Status);
        Assert.True(signIn.Account.IsExternal);
    }

    [Fact]
    public async Task Rejected_external_user_cannot_sign_in()
    {
        var (agency, _) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var email = GatewayFixture.ExternalEmail();
        var pending = await (await Stack.RegisterAsync(email, agency.Id)).Content.ReadFromJsonAsync<PendingAnswer>();
        using var platform = Stack.HttpFor((await fixture.PlatformAdmin()).AccessToken);

        Assert.Equal(HttpStatusCode.OK, (await platform.PostAsync($"/api/admin/users/{pending!.UserId}/reject", null)).StatusCode);

        await GatewayFixture.AssertProblem(await Stack.RegisterAsync(email), HttpStatusCode.Forbidden, ErrorCodes.Rejected);
    }

    [Fact]
    public async Task Suspended_user_is_cut_off_and_refused_until_reinstated()
    {
        var (agency, domain) = await fixture.CreateAgency(AgencyCategory.StateAgency);
        using var admin = Stack.HttpFor((await AgencyAdmin(agency.Id, domain)).AccessToken);
        var email = GatewayFixture.StaffEmail(domain);
        var staff = await Stack.SignInWithEmailAsync(email);
        await using var chat = new ChatClient(Stack.GatewayUri, staff.AsSession());
        var closed = new TaskCompletionSource();
        chat.Connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await chat.StartAsync();

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/admin/users/{staff.UserId}/suspend", null)).StatusCode);

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var refresh = await Stack.Http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = staff.RefreshToken });
        await GatewayFixture.AssertProblem(refresh, HttpStatusCode.Unauthorized, ErrorCodes.InvalidSession);
        await GatewayFixture.AssertProblem(await Stack.RegisterAsync(email), HttpStatusCode.Forbidden, ErrorCodes.Suspended);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/admin/users/{staff.UserId}/reinstate", null)).StatusCode);
        Assert.Equal(AccountStatus.Active, (await Stack.SignInWithEmailAsync(email)).Account.Status);
    }

    [Fact]
    public async Task Every_admin_route_allows_and_denies_by_role_and_agency_and_a_denial_changes_nothing()
    {
        var (a, domainA) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var (b, domainB) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var actors = new Dictionary<string, SignIn>
        {
            ["user of A"] = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domainA)),
            ["admin of A"] = await AgencyAdmin(a.Id, domainA),
            ["admin of B"] = await AgencyAdmin(b.Id, domainB),
            ["platform admin"] = await fixture.PlatformAdmin(),
        };
        var onlyA = new[] { "admin of A", "platform admin" };
        var anyAdmin = new[] { "admin of A", "admin of B", "platform admin" };

        var routes = new List<(string Name, string[] Allowed, Func<Task<Case>> Arrange)>
        {
            ("list users of A", onlyA, () => Read(HttpMethod.Get, $"/api/admin/agencies/{a.Id}/users")),
            ("read audit of A", onlyA, () => Read(HttpMethod.Get, $"/api/admin/agencies/{a.Id}/audit")),
            ("verify audit chain", anyAdmin, () => Read(HttpMethod.Get, "/api/admin/audit/verify")),
            ("approve in A", onlyA, async () => UserCase(HttpMethod.Post, "approve", await PendingIn(a.Id))),
            ("reject in A", onlyA, async () => UserCase(HttpMethod.Post, "reject", await PendingIn(a.Id))),
            ("suspend in A", onlyA, async () => UserCase(HttpMethod.Post, "suspend", (await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domainA))).UserId)),
            ("reinstate in A", onlyA, async () => UserCase(HttpMethod.Post, "reinstate", await SuspendedIn(domainA))),
            ("make admin in A", onlyA, async () => UserCase(HttpMethod.Put, "role", (await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domainA))).UserId, new { role = "AgencyAdmin" })),
            ("set permissions in A", onlyA, async () => PermissionsCase(await PendingIn(a.Id))),
            ("add domain to A", onlyA, () => DomainCase(a.Id, HttpMethod.Post, $"/api/admin/agencies/{a.Id}/domains", new { domain = $"d{Guid.NewGuid():N}"[..10] + ".gov.my" })),
            ("remove domain of A", onlyA, async () => await DomainCase(a.Id, HttpMethod.Delete, $"/api/admin/agencies/{a.Id}/domains/{await ExtraDomain(a.Id)}", null)),
            ("create agency", new[] { "platform admin" }, () => AgencyListCase(new { name = "Agensi Baharu", category = "StatutoryBody", domains = new[] { $"n{Guid.NewGuid():N}"[..10] + ".gov.my" } })),
        };

        foreach (var (name, allowed, arrange) in routes)
        {
            foreach (var (actor, session) in actors)
            {
                var c = await arrange();
                var before = await c.Snapshot();
                using var http = Stack.HttpFor(session.AccessToken);
                using var request = new HttpRequestMessage(c.Method, c.Path) { Content = c.Body is null ? null : JsonContent.Create(c.Body) };
                var response = await http.SendAsync(request);
                var allowedHere = allowed.Contains(actor);
                Assert.True(allowedHere == response.IsSuccessStatusCode,
                    $"{name} by {actor}: expected {(allowedHere ? "allow" : "deny")}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                if (!allowedHere)
                {
                    Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
                    Assert.Equal(before, await c.Snapshot());
                }
            }
        }
    }

    [Fact]
    public async Task Audit_chain_holds_and_tampering_with_a_row_breaks_verification()
    {
        var (agency, domain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var admin = await AgencyAdmin(agency.Id, domain);
        using var http = Stack.HttpFor(admin.AccessToken);
        var staff = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domain));
        (await http.PostAsync($"/api/admin/users/{staff.UserId}/suspend", null)).EnsureSuccessStatusCode();

        var entries = await http.GetFromJsonAsync<List<AuditEntry>>($"/api/admin/agencies/{agency.Id}/audit");
        Assert.Contains(entries!, e => e.Action == "user.suspended" && e.SubjectId == staff.UserId && e.ActorId == admin.UserId);
        Assert.Contains(entries!, e => e.Action == "user.role_changed" && e.SubjectId == admin.UserId);
        Assert.All(entries!, e => Assert.Equal(agency.Id, e.AgencyId));
        Assert.True((await http.GetFromJsonAsync<AuditVerification>("/api/admin/audit/verify"))!.Intact);

        var suspended = entries!.Single(e => e.Action == "user.suspended");
        var target = suspended.Id;
        await fixture.Execute($"UPDATE gochat_audit_log SET details = 'nothing happened' WHERE id = {target}");
        try
        {
            var broken = await http.GetFromJsonAsync<AuditVerification>("/api/admin/audit/verify");
            Assert.False(broken!.Intact);
            Assert.Equal(target, broken.FirstBrokenId);
        }
        finally
        {
            await fixture.Execute($"UPDATE gochat_audit_log SET details = '{suspended.Details.Replace("'", "''")}' WHERE id = {target}");
        }
        Assert.True((await http.GetFromJsonAsync<AuditVerification>("/api/admin/audit/verify"))!.Intact);
    }

    [Fact]
    public async Task Agency_admin_verifying_the_audit_chain_learns_only_about_their_own_agency()
    {
        var (a, domainA) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var (b, domainB) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        using var adminA = Stack.HttpFor((await AgencyAdmin(a.Id, domainA)).AccessToken);
        using var adminB = Stack.HttpFor((await AgencyAdmin(b.Id, domainB)).AccessToken);
        using var platform = Stack.HttpFor((await fixture.PlatformAdmin()).AccessToken);
        var staffB = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domainB));
        (await adminB.PostAsync($"/api/admin/users/{staffB.UserId}/suspend", null)).EnsureSuccessStatusCode();
        var rowsOfA = await fixture.Scalar<long>("SELECT count(*) FROM gochat_audit_log WHERE agency_id = @a", ("a", a.Id));
        var allRows = await fixture.Scalar<long>("SELECT count(*) FROM gochat_audit_log");

        var seenByA = await adminA.GetFromJsonAsync<AuditVerification>("/api/admin/audit/verify");
        var seenByPlatform = await platform.GetFromJsonAsync<AuditVerification>("/api/admin/audit/verify");

        Assert.True(rowsOfA > 0 && rowsOfA < allRows);
        Assert.Equal(new AuditVerification(true, rowsOfA, null), seenByA);
        Assert.True(seenByPlatform!.Intact);
        Assert.Equal(allRows, seenByPlatform.RowsChecked);

        // A broken row of agency B: A learns that the chain is broken, not which row of B's it is; the platform admin does.
        var rowOfB = await fixture.Scalar<long>("SELECT max(id) FROM gochat_audit_log WHERE agency_id = @b AND action = 'user.suspended'", ("b", b.Id));
        var details = await fixture.Scalar<string>($"SELECT details FROM gochat_audit_log WHERE id = {rowOfB}");
        await fixture.Execute($"UPDATE gochat_audit_log SET details = 'nothing happened' WHERE id = {rowOfB}");
        try
        {
            var brokenForA = await adminA.GetFromJsonAsync<AuditVerification>("/api/admin/audit/verify");
            var brokenForPlatform = await platform.GetFromJsonAsync<AuditVerification>("/api/admin/audit/verify");
            Assert.False(brokenForA!.Intact);
            Assert.Null(brokenForA.FirstBrokenId);
            Assert.Equal(rowOfB, brokenForPlatform!.FirstBrokenId);
        }
        finally
        {
            await using var connection = new Npgsql.NpgsqlConnection(Stack.ConnectionString);
            await connection.OpenAsync();
            await using var restore = new Npgsql.NpgsqlCommand("UPDATE gochat_audit_log SET details = @d WHERE id = @id", connection);
            restore.Parameters.AddWithValue("d", details);
            restore.Parameters.AddWithValue("id", rowOfB);
            await restore.ExecuteNonQueryAsync();
        }
        Assert.True((await platform.GetFromJsonAsync<AuditVerification>("/api/admin/audit/verify"))!.Intact);
    }

    [Fact]
    public async Task OpenAPI_description_lists_the_admin_directory_and_profile_routes()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(await Stack.Http.GetStringAsync("/openapi/v1.json"));
        var paths = doc.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var expected in new[]
        {
            "/api/admin/agencies/{agencyId}/users", "/api/admin/users/{userId}/approve", "/api/admin/users/{userId}/suspend",
            "/api/admin/users/{userId}/role", "/api/admin/users/{userId}/permissions", "/api/admin/audit/verify",
            "/api/admin/agencies/{agencyId}/domains", "/api/directory", "/api/users/{userId}", "/api/me/profile", "/api/me/settings", "/api/me/photo",
        })
        {
            Assert.Contains(expected, paths);
        }
    }

    private sealed record Case(HttpMethod Method, string Path, object? Body, Func<Task<string>> Snapshot);

    private Task<SignIn> AgencyAdmin(Guid agencyId, string domain) => fixture.AgencyAdmin(agencyId, domain);

    private async Task<Guid> PendingIn(Guid agencyId) =>
        (await (await Stack.RegisterAsync(GatewayFixture.ExternalEmail(), agencyId)).Content.ReadFromJsonAsync<PendingAnswer>())!.UserId;

    private async Task<Guid> SuspendedIn(string domain)
    {
        var staff = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domain));
        using var platform = Stack.HttpFor((await fixture.PlatformAdmin()).AccessToken);
        (await platform.PostAsync($"/api/admin/users/{staff.UserId}/suspend", null)).EnsureSuccessStatusCode();
        return staff.UserId;
    }

    private async Task<string> ExtraDomain(Guid agencyId)
    {
        var domain = $"x{Guid.NewGuid():N}"[..10] + ".gov.my";
        using var platform = Stack.HttpFor((await fixture.PlatformAdmin()).AccessToken);
        (await platform.PostAsJsonAsync($"/api/admin/agencies/{agencyId}/domains", new { domain })).EnsureSuccessStatusCode();
        return domain;
    }

    private static Task<Case> Read(HttpMethod method, string path) => Task.FromResult(new Case(method, path, null, () => Task.FromResult("")));

    /// <summary>The subject's status and role as stored, before and after.</summary>
    private Case UserCase(HttpMethod method, string action, Guid userId, object? body = null) =>
        new(method, $"/api/admin/users/{userId}/{action}", body, () => fixture.Scalar<string>($"SELECT status || ':' || role FROM gochat_users WHERE id = '{userId}'"));

    /// <summary>Permissions are grain state; every change leaves an audit row, so count those.</summary>
    private Case PermissionsCase(Guid userId) =>
        new(HttpMethod.Put, $"/api/admin/users/{userId}/permissions", new { canCreateGroups = true, canSeeAllAgencies = true },
            async () => (await fixture.Scalar<long>($"SELECT count(*) FROM gochat_audit_log WHERE subject_id = '{userId}' AND action = 'user.permissions_changed'")).ToString());

    private Task<Case> DomainCase(Guid agencyId, HttpMethod method, string path, object? body) =>
        Task.FromResult(new Case(method, path, body, () => fixture.Scalar<string>($"SELECT coalesce(string_agg(domain, ',' ORDER BY domain), '') FROM gochat_agency_domains WHERE agency_id = '{agencyId}'")));

    private Task<Case> AgencyListCase(object body) =>
        Task.FromResult(new Case(HttpMethod.Post, "/api/admin/agencies", body, async () => (await fixture.Scalar<long>("SELECT count(*) FROM gochat_agencies")).ToString()));
}
