using System.Net;
using System.Net.Http.Json;

namespace GoChat.Gateway.Tests;

/// <summary>What the admin portal reads: users and audit rows searched and paged on the server, audit rows that say who and what, permissions.</summary>
[Collection(GatewayCollection.Name)]
public sealed class AdminPortalQueryTests(GatewayFixture fixture)
{
    private GoChatStack Stack => fixture.Stack;

    [Fact]
    public async Task Users_are_searched_by_name_or_email_and_paged_on_the_server()
    {
        var (agency, domain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        using var admin = Stack.HttpFor((await fixture.AgencyAdmin(agency.Id, domain)).AccessToken);
        var emails = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var email = GatewayFixture.StaffEmail(domain);
            await Stack.SignInWithEmailAsync(email);
            emails.Add(email);
        }
        var users = $"/api/admin/agencies/{agency.Id}/users";

        var found = await admin.GetFromJsonAsync<List<DirectoryUser>>($"{users}?q={Uri.EscapeDataString(emails[2].ToUpperInvariant()[..12])}");
        var first = await admin.GetFromJsonAsync<List<DirectoryUser>>($"{users}?limit=2");
        var second = await admin.GetFromJsonAsync<List<DirectoryUser>>($"{users}?limit=2&offset=2");
        var rest = await admin.GetFromJsonAsync<List<DirectoryUser>>($"{users}?limit=2&offset=4");

        Assert.Equal(emails[2], Assert.Single(found!).Email);
        Assert.Equal(2, first!.Count);
        Assert.Equal(2, second!.Count);
        var all = first.Concat(second).Concat(rest!).Select(u => u.UserId).ToList();
        Assert.Equal(5, all.Distinct().Count()); // four staff and the admin, none twice
        foreach (var bad in new[] { "limit=0", "limit=501", "offset=-1", "offset=10001", "q=" + new string('x', 101) })
        {
            await GatewayFixture.AssertProblem(await admin.GetAsync($"{users}?{bad}"), HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        }
    }

    [Fact]
    public async Task Every_audit_row_names_its_actor_and_subject_and_the_log_is_searched_and_paged_by_keyset()
    {
        var (agency, domain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var signedIn = await fixture.AgencyAdmin(agency.Id, domain);
        using var admin = Stack.HttpFor(signedIn.AccessToken);
        var email = GatewayFixture.StaffEmail(domain);
        var staff = await Stack.SignInWithEmailAsync(email);
        (await admin.PostAsync($"/api/admin/users/{staff.UserId}/suspend", null)).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/admin/users/{staff.UserId}/reinstate", null)).EnsureSuccessStatusCode();
        var audit = $"/api/admin/agencies/{agency.Id}/audit";

        var about = await admin.GetFromJsonAsync<List<AuditEntry>>($"{audit}?q={Uri.EscapeDataString(email)}");
        var newest = await admin.GetFromJsonAsync<List<AuditEntry>>($"{audit}?limit=1");
        var older = await admin.GetFromJsonAsync<List<AuditEntry>>($"{audit}?limit=1&before={newest![0].Id}");

        var suspended = Assert.Single(about!, e => e.Action == "user.suspended");
        Assert.Equal(signedIn.UserId, suspended.ActorId);
        Assert.NotNull(suspended.Actor);
        Assert.Equal(email, suspended.Subject?.Email);
        Assert.Contains(email, suspended.Details);
        Assert.Contains("Active -> Suspended", suspended.Details);
        Assert.All(about!, e => Assert.True(e.Subject?.Email == email || e.Actor?.Email == email, $"{e.Action} is not about {email}"));
        Assert.Equal("user.reinstated", newest[0].Action);
        Assert.Equal("user.suspended", Assert.Single(older!).Action);
        foreach (var bad in new[] { "limit=0", "limit=501", "before=0", "q=" + new string('x', 101) })
        {
            await GatewayFixture.AssertProblem(await admin.GetAsync($"{audit}?{bad}"), HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        }
    }

    [Fact]
    public async Task An_admin_reads_and_changes_an_external_users_permissions_and_staff_have_none_to_set()
    {
        var (agency, domain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        using var admin = Stack.HttpFor((await fixture.AgencyAdmin(agency.Id, domain)).AccessToken);
        var vendor = (await (await Stack.RegisterAsync(GatewayFixture.ExternalEmail(), agency.Id)).Content.ReadFromJsonAsync<PendingAnswer>())!.UserId;
        var staff = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domain));

        var before = await admin.GetFromJsonAsync<ExternalPermissions>($"/api/admin/users/{vendor}/permissions");
        (await admin.PutAsJsonAsync($"/api/admin/users/{vendor}/permissions", new { canCreateGroups = true, canSeeAllAgencies = false })).EnsureSuccessStatusCode();
        var after = await admin.GetFromJsonAsync<ExternalPermissions>($"/api/admin/users/{vendor}/permissions");

        Assert.Equal(new ExternalPermissions(false, false), before);
        Assert.Equal(new ExternalPermissions(true, false), after);
        await GatewayFixture.AssertProblem(await admin.GetAsync($"/api/admin/users/{staff.UserId}/permissions"), HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
    }

    [Fact]
    public async Task A_domain_that_is_no_domain_name_is_refused_as_such_and_changes_nothing()
    {
        var (agency, domain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        using var admin = Stack.HttpFor((await fixture.AgencyAdmin(agency.Id, domain)).AccessToken);

        var refused = await admin.PostAsJsonAsync($"/api/admin/agencies/{agency.Id}/domains", new { domain = "bukan domain" });

        await GatewayFixture.AssertProblem(refused, HttpStatusCode.BadRequest, ErrorCodes.InvalidDomain);
        Assert.Equal(0, await fixture.Scalar<long>($"SELECT count(*) FROM gochat_agency_domains WHERE agency_id = '{agency.Id}' AND domain <> '{domain}'"));
    }
}
