using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace GoChat.Gateway.Tests;

/// <summary>
/// Refusals that ASP.NET Core used to write itself, without GoChat's code, and inputs that were accepted though
/// incomplete or oversized: each is now problem details with a code and stores nothing.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class RestRefusalTests(GatewayFixture fixture)
{
    private GoChatStack Stack => fixture.Stack;

    [Fact]
    public async Task Non_admin_on_an_admin_route_is_refused_with_403_problem_code_FORBIDDEN()
    {
        var (agency, domain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var staff = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domain));
        using var http = Stack.HttpFor(staff.AccessToken);
        await GatewayFixture.AssertProblem(await http.GetAsync("/api/admin/audit/verify"), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await GatewayFixture.AssertProblem(await http.GetAsync($"/api/admin/agencies/{agency.Id}/users"), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);

        // An agency admin on a platform-admin route: the same answer from the stricter policy.
        var admin = await fixture.AgencyAdmin(agency.Id, domain);
        using var adminHttp = Stack.HttpFor(admin.AccessToken);
        await GatewayFixture.AssertProblem(await adminHttp.PostAsJsonAsync("/api/admin/agencies", new { name = "Agensi Lain", category = "FederalAgency", domains = Array.Empty<string>() }),
            HttpStatusCode.Forbidden, ErrorCodes.Forbidden);

        // No token is still the bearer handler's challenge: 401 with its own code.
        await GatewayFixture.AssertProblem(await Stack.Http.GetAsync("/api/admin/audit/verify"), HttpStatusCode.Unauthorized, ErrorCodes.Unauthenticated);
    }

    [Fact]
    public async Task Json_body_over_64_KB_is_refused_with_413_and_a_code_and_changes_nothing()
    {
        var (_, domain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var staff = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domain));
        using var http = Stack.HttpFor(staff.AccessToken);
        var before = await (await http.GetAsync("/api/me/settings")).Content.ReadAsStringAsync();
        var json = "{\"readReceipts\":false,\"junk\":\"" + new string('z', 100 * 1024) + "\"}";
        await GatewayFixture.AssertProblem(await http.PutAsync("/api/me/settings", new StringContent(json, Encoding.UTF8, "application/json")),
            HttpStatusCode.RequestEntityTooLarge, ErrorCodes.InvalidArgument);
        Assert.Equal(before, await (await http.GetAsync("/api/me/settings")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Role_and_permissions_bodies_missing_their_fields_are_refused()
    {
        var (agency, _) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var registered = await Stack.RegisterAsync(GatewayFixture.ExternalEmail(), agency.Id);
        var pending = (await registered.Content.ReadFromJsonAsync<PendingAnswer>())!;
        var user = Stack.GatewayServices.GetRequiredService<IGrainFactory>().GetGrain<IUserGrain>(pending.UserId);
        var before = await user.GetAccount();
        using var http = Stack.HttpFor((await fixture.PlatformAdmin()).AccessToken);
        await GatewayFixture.AssertProblem(await http.PutAsJsonAsync($"/api/admin/users/{pending.UserId}/role", new { }), HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        await GatewayFixture.AssertProblem(await http.PutAsJsonAsync($"/api/admin/users/{pending.UserId}/permissions", new { canCreateGroups = true }),
            HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        Assert.Equal(before, await user.GetAccount());
    }

    [Fact]
    public async Task Agency_with_more_than_50_domains_is_refused()
    {
        using var http = Stack.HttpFor((await fixture.PlatformAdmin()).AccessToken);
        var stem = $"a{Guid.NewGuid():N}"[..12];
        var domains = Enumerable.Range(0, Limits.MaxAgencyDomains + 1).Select(i => $"d{i}.{stem}.gov.my").ToArray();
        await GatewayFixture.AssertProblem(await http.PostAsJsonAsync("/api/admin/agencies", new { name = "Agensi Besar", category = "FederalAgency", domains }),
            HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        var listed = await (await Stack.Http.GetAsync("/api/agencies")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(stem, listed);
    }

    [Fact]
    public async Task Address_whose_escapes_are_not_utf8_is_refused_with_INVALID_TEXT()
    {
        var (_, domain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var staff = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(domain));
        using var http = Stack.HttpFor(staff.AccessToken);
        // %ED%A0%80 is a lone surrogate in WTF-8; %C3%A9 (é) is good UTF-8 and still searches.
        await GatewayFixture.AssertProblem(await http.GetAsync("/api/directory?q=abc%ED%A0%80def"), HttpStatusCode.BadRequest, ErrorCodes.InvalidText);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/directory?q=caf%C3%A9")).StatusCode);
    }

    [Fact]
    public async Task Dev_sign_in_refusals_carry_a_code()
    {
        await GatewayFixture.AssertProblem(await Stack.Http.PostAsJsonAsync("/api/dev/sign-in", new { handle = "x" }), HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        await GatewayFixture.AssertProblem(await Stack.Http.PostAsJsonAsync("/api/dev/sign-in", new { handle = "ab\u0000c" }), HttpStatusCode.BadRequest, ErrorCodes.InvalidText);
        await GatewayFixture.AssertProblem(await Stack.Http.PostAsJsonAsync("/api/dev/sign-in", new { handle = "pengguna", displayName = new string('n', 101) }),
            HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
    }
}
