using System.Net;
using System.Net.Http.Json;
using Npgsql;

namespace GoChat.Gateway.Tests;

/// <summary>
/// Domain takeover (issue 12, finding 1): an agency gets only domains that are its own. Public mail domains and
/// domains above another agency's are refused, one inside another agency's waits for that agency's consent, and
/// every new domain waits for a platform admin's approval before a sign-up from it lands in the agency.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class DomainTests(GatewayFixture fixture)
{
    private GoChatStack Stack => fixture.Stack;

    [Fact]
    public async Task Public_webmail_domain_is_refused()
    {
        var (agency, domain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        using var admin = Stack.HttpFor((await fixture.AgencyAdmin(agency.Id, domain)).AccessToken);
        using var platform = await Platform();

        foreach (var refused in new[] { "gmail.com", "Yahoo.com.my", "@hotmail.my", "tm.net.my", "pejabat.gmail.com", "gov.my", "com.my", "my" })
        {
            await GatewayFixture.AssertProblem(await admin.PostAsJsonAsync($"/api/admin/agencies/{agency.Id}/domains", new { domain = refused }),
                HttpStatusCode.UnprocessableEntity, ErrorCodes.DomainNotAllowed);
            await GatewayFixture.AssertProblem(await platform.PostAsJsonAsync($"/api/admin/agencies/{agency.Id}/domains", new { domain = refused }),
                HttpStatusCode.UnprocessableEntity, ErrorCodes.DomainNotAllowed);
        }
        var created = await platform.PostAsJsonAsync("/api/admin/agencies", new { name = "Agensi Gmail", category = AgencyCategory.FederalAgency, domains = new[] { Fresh(), "gmail.com" } });
        await GatewayFixture.AssertProblem(created, HttpStatusCode.UnprocessableEntity, ErrorCodes.DomainNotAllowed);

        Assert.Equal(0L, await fixture.Scalar<long>("SELECT count(*) FROM gochat_agency_domains WHERE domain IN ('gmail.com', 'yahoo.com.my', 'hotmail.my', 'tm.net.my', 'pejabat.gmail.com', 'gov.my', 'com.my', 'my')"));
        Assert.Equal(0L, await fixture.Scalar<long>("SELECT count(*) FROM gochat_agencies WHERE name = 'Agensi Gmail'"));
        var gmailUser = await Stack.RegisterAsync($"orang-{Guid.NewGuid():N}"[..14] + "@gmail.com");
        await GatewayFixture.AssertProblem(gmailUser, HttpStatusCode.BadRequest, ErrorCodes.AgencyRequired);
    }

    [Fact]
    public async Task Domain_above_another_agencys_is_refused()
    {
        var ministry = Fresh();
        var (dept, deptDomain) = await Create($"dept.{ministry}");
        var (other, otherDomain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        using var otherAdmin = Stack.HttpFor((await fixture.AgencyAdmin(other.Id, otherDomain)).AccessToken);
        using var platform = await Platform();

        await GatewayFixture.AssertProblem(await otherAdmin.PostAsJsonAsync($"/api/admin/agencies/{other.Id}/domains", new { domain = ministry }),
            HttpStatusCode.UnprocessableEntity, ErrorCodes.DomainNotAllowed);
        // Not even a platform admin can put a domain above another agency's, nor create an agency on one.
        await GatewayFixture.AssertProblem(await platform.PostAsJsonAsync($"/api/admin/agencies/{other.Id}/domains", new { domain = ministry }),
            HttpStatusCode.UnprocessableEntity, ErrorCodes.DomainNotAllowed);
        await GatewayFixture.AssertProblem(await platform.PostAsJsonAsync("/api/admin/agencies", new { name = "Kementerian", category = AgencyCategory.FederalAgency, domains = new[] { ministry } }),
            HttpStatusCode.UnprocessableEntity, ErrorCodes.DomainNotAllowed);

        Assert.Equal(0L, await fixture.Scalar<long>("SELECT count(*) FROM gochat_agency_domains WHERE domain = @d", ("d", ministry)));
        var staff = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(deptDomain));
        Assert.Equal(dept.Id, staff.Account.AgencyId);

        // Above a domain of its own is fine: the department's agency may take the ministry's level.
        using var deptAdmin = Stack.HttpFor((await fixture.AgencyAdmin(dept.Id, deptDomain)).AccessToken);
        Assert.Equal(HttpStatusCode.Accepted, (await deptAdmin.PostAsJsonAsync($"/api/admin/agencies/{dept.Id}/domains", new { domain = ministry })).StatusCode);
    }

    [Fact]
    public async Task Agency_admin_cannot_take_a_subdomain_of_another_agency_without_its_consent()
    {
        var (owner, ownerDomain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var (taker, takerDomain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var (bystander, bystanderDomain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var takerAdmin = await fixture.AgencyAdmin(taker.Id, takerDomain);
        var ownerAdmin = await fixture.AgencyAdmin(owner.Id, ownerDomain);
        using var asTaker = Stack.HttpFor(takerAdmin.AccessToken);
        using var asOwner = Stack.HttpFor(ownerAdmin.AccessToken);
        using var asBystander = Stack.HttpFor((await fixture.AgencyAdmin(bystander.Id, bystanderDomain)).AccessToken);
        using var platform = await Platform();
        var inner = $"x.{ownerDomain}";

        var asked = await asTaker.PostAsJsonAsync($"/api/admin/agencies/{taker.Id}/domains", new { domain = inner });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var request = (await asked.Content.ReadFromJsonAsync<AgencyDomain>())!;
        Assert.Equal((DomainStatus.PendingConsent, (Guid?)owner.Id, taker.Id), (request.Status, request.ConsentAgencyId, request.AgencyId));

        // Without the owner's consent nobody can make it the taker's, and its addresses still land in the owner's agency.
        await GatewayFixture.AssertProblem(await platform.PostAsync($"/api/admin/domain-requests/{inner}/approve", null), HttpStatusCode.Conflict, ErrorCodes.Conflict);
        await GatewayFixture.AssertProblem(await asTaker.PostAsync($"/api/admin/domain-requests/{inner}/consent", null), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await GatewayFixture.AssertProblem(await asTaker.PostAsync($"/api/admin/domain-requests/{inner}/approve", null), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await GatewayFixture.AssertProblem(await asBystander.PostAsync($"/api/admin/domain-requests/{inner}/consent", null), HttpStatusCode.NotFound, ErrorCodes.DomainNotFound);
        Assert.Equal(owner.Id, (await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(inner))).Account.AgencyId);
        Assert.Equal(DomainStatus.PendingConsent, (await Stored(inner))!.Status);

        var consented = await asOwner.PostAsync($"/api/admin/domain-requests/{inner}/consent", null);
        Assert.Equal(HttpStatusCode.OK, consented.StatusCode);
        Assert.Equal(DomainStatus.PendingApproval, (await consented.Content.ReadFromJsonAsync<AgencyDomain>())!.Status);
        Assert.Equal(owner.Id, (await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(inner))).Account.AgencyId);

        var approved = await platform.PostAsync($"/api/admin/domain-requests/{inner}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(DomainStatus.Active, (await approved.Content.ReadFromJsonAsync<AgencyDomain>())!.Status);
        Assert.Equal(taker.Id, (await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(inner))).Account.AgencyId);

        // The consent is the owner's act, in the owner's audit log; the approval and the activation are in the taker's.
        var platformId = (await fixture.PlatformAdmin()).UserId;
        Assert.Contains(await Audit(owner.Id), e => e.Action == "agency.domain_consented" && e.ActorId == ownerAdmin.UserId && e.Details.StartsWith(inner));
        var takerLog = await Audit(taker.Id);
        Assert.Contains(takerLog, e => e.Action == "agency.domain_requested" && e.ActorId == takerAdmin.UserId && e.Details.StartsWith(inner) && e.Details.Contains(owner.Id.ToString()));
        Assert.Contains(takerLog, e => e.Action == "agency.domain_approved" && e.ActorId == platformId && e.Details == inner);
        Assert.Contains(takerLog, e => e.Action == "agency.domain_added" && e.ActorId == platformId && e.Details == inner);
    }

    [Fact]
    public async Task New_domain_is_inactive_until_a_platform_admin_approves_it()
    {
        var (agency, domain) = await fixture.CreateAgency(AgencyCategory.StateAgency);
        var admin = await fixture.AgencyAdmin(agency.Id, domain);
        using var asAdmin = Stack.HttpFor(admin.AccessToken);
        using var platform = await Platform();
        var extra = Fresh();

        var asked = await asAdmin.PostAsJsonAsync($"/api/admin/agencies/{agency.Id}/domains", new { domain = extra });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        Assert.Equal(DomainStatus.PendingApproval, (await asked.Content.ReadFromJsonAsync<AgencyDomain>())!.Status);
        Assert.DoesNotContain(extra, await PublicDomains(agency.Id));
        var email = GatewayFixture.StaffEmail(extra);
        await GatewayFixture.AssertProblem(await Stack.RegisterAsync(email), HttpStatusCode.BadRequest, ErrorCodes.AgencyRequired);
        Assert.Equal(0L, await fixture.Scalar<long>("SELECT count(*) FROM gochat_users WHERE email = @e", ("e", email)));
        await GatewayFixture.AssertProblem(await asAdmin.PostAsync($"/api/admin/domain-requests/{extra}/approve", null), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);

        var approved = await platform.PostAsync($"/api/admin/domain-requests/{extra}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);

        Assert.Contains(extra, await PublicDomains(agency.Id));
        var staff = await Stack.SignInWithEmailAsync(email);
        Assert.Equal(((Guid?)agency.Id, false, AccountStatus.Active), (staff.Account.AgencyId, staff.Account.IsExternal, staff.Account.Status));
        var log = await Audit(agency.Id);
        var platformId = (await fixture.PlatformAdmin()).UserId;
        Assert.Contains(log, e => e.Action == "agency.domain_requested" && e.ActorId == admin.UserId && e.Details == extra);
        Assert.Contains(log, e => e.Action == "agency.domain_approved" && e.ActorId == platformId && e.Details == extra);
        Assert.Contains(log, e => e.Action == "agency.domain_added" && e.Details == extra);
    }

    [Fact]
    public async Task Longest_suffix_decides_the_agency()
    {
        var ministryDomain = Fresh();
        var (ministry, _) = await Create(ministryDomain);
        var ministryAdmin = await fixture.AgencyAdmin(ministry.Id, ministryDomain);
        using var platform = await Platform();

        // A platform admin creating the department approves its domain by that act; the ministry must still consent.
        var created = await platform.PostAsJsonAsync("/api/admin/agencies", new { name = "Jabatan", category = AgencyCategory.FederalAgency, domains = new[] { $"dept.{ministryDomain}" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var dept = (await created.Content.ReadFromJsonAsync<AgencyInfo>())!;
        Assert.Empty(dept.Domains);
        Assert.Equal(ministry.Id, (await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail($"dept.{ministryDomain}"))).Account.AgencyId);
        using var asMinistry = Stack.HttpFor(ministryAdmin.AccessToken);
        var pending = await asMinistry.GetFromJsonAsync<List<AgencyDomain>>("/api/admin/domain-requests");
        var awaiting = Assert.Single(pending!, r => r.Domain == $"dept.{ministryDomain}");
        Assert.Equal((DomainStatus.PendingConsent, true, (Guid?)ministry.Id), (awaiting.Status, awaiting.Approved, awaiting.ConsentAgencyId));

        var consented = await asMinistry.PostAsync($"/api/admin/domain-requests/dept.{ministryDomain}/consent", null);
        Assert.Equal(DomainStatus.Active, (await consented.Content.ReadFromJsonAsync<AgencyDomain>())!.Status);

        Assert.Equal(dept.Id, (await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail($"dept.{ministryDomain}"))).Account.AgencyId);
        Assert.Equal(dept.Id, (await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail($"unit.dept.{ministryDomain}"))).Account.AgencyId);
        Assert.Equal(ministry.Id, (await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(ministryDomain))).Account.AgencyId);
        Assert.Equal(ministry.Id, (await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail($"other.{ministryDomain}"))).Account.AgencyId);
        Assert.Contains($"dept.{ministryDomain}", await PublicDomains(dept.Id));
    }

    [Fact]
    public async Task Rejected_request_is_removed_and_audited()
    {
        var (owner, ownerDomain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var (taker, takerDomain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        using var asTaker = Stack.HttpFor((await fixture.AgencyAdmin(taker.Id, takerDomain)).AccessToken);
        var ownerAdmin = await fixture.AgencyAdmin(owner.Id, ownerDomain);
        using var asOwner = Stack.HttpFor(ownerAdmin.AccessToken);
        using var platform = await Platform();
        var inner = $"y.{ownerDomain}";
        var plain = Fresh();
        Assert.Equal(HttpStatusCode.Accepted, (await asTaker.PostAsJsonAsync($"/api/admin/agencies/{taker.Id}/domains", new { domain = inner })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await asTaker.PostAsJsonAsync($"/api/admin/agencies/{taker.Id}/domains", new { domain = plain })).StatusCode);

        // The consenting agency may refuse only what awaits its consent; the asking agency cannot reject at all.
        await GatewayFixture.AssertProblem(await asTaker.PostAsync($"/api/admin/domain-requests/{plain}/reject", null), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await GatewayFixture.AssertProblem(await asOwner.PostAsync($"/api/admin/domain-requests/{plain}/reject", null), HttpStatusCode.NotFound, ErrorCodes.DomainNotFound);
        Assert.Equal(HttpStatusCode.NoContent, (await asOwner.PostAsync($"/api/admin/domain-requests/{inner}/reject", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await platform.PostAsync($"/api/admin/domain-requests/{plain}/reject", null)).StatusCode);

        Assert.Null(await Stored(inner));
        Assert.Null(await Stored(plain));
        await GatewayFixture.AssertProblem(await platform.PostAsync($"/api/admin/domain-requests/{plain}/approve", null), HttpStatusCode.NotFound, ErrorCodes.DomainNotFound);
        var platformId = (await fixture.PlatformAdmin()).UserId;
        Assert.Contains(await Audit(owner.Id), e => e.Action == "agency.domain_consent_refused" && e.ActorId == ownerAdmin.UserId && e.Details.StartsWith(inner));
        Assert.Contains(await Audit(taker.Id), e => e.Action == "agency.domain_rejected" && e.ActorId == platformId && e.Details.StartsWith(plain));
        // Rejected is not banned: the agency may ask again.
        Assert.Equal(HttpStatusCode.Accepted, (await asTaker.PostAsJsonAsync($"/api/admin/agencies/{taker.Id}/domains", new { domain = plain })).StatusCode);
    }

    [Fact]
    public async Task Same_domain_requested_twice_or_owned_already_is_a_conflict()
    {
        var (a, domainA) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var (b, domainB) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        using var asA = Stack.HttpFor((await fixture.AgencyAdmin(a.Id, domainA)).AccessToken);
        using var asB = Stack.HttpFor((await fixture.AgencyAdmin(b.Id, domainB)).AccessToken);
        var extra = Fresh();
        Assert.Equal(HttpStatusCode.Accepted, (await asA.PostAsJsonAsync($"/api/admin/agencies/{a.Id}/domains", new { domain = extra })).StatusCode);

        await GatewayFixture.AssertProblem(await asA.PostAsJsonAsync($"/api/admin/agencies/{a.Id}/domains", new { domain = extra }), HttpStatusCode.Conflict, ErrorCodes.Conflict);
        await GatewayFixture.AssertProblem(await asB.PostAsJsonAsync($"/api/admin/agencies/{b.Id}/domains", new { domain = extra.ToUpperInvariant() }), HttpStatusCode.Conflict, ErrorCodes.Conflict);
        await GatewayFixture.AssertProblem(await asB.PostAsJsonAsync($"/api/admin/agencies/{b.Id}/domains", new { domain = domainA }), HttpStatusCode.Conflict, ErrorCodes.Conflict);
        await GatewayFixture.AssertProblem(await asA.PostAsJsonAsync($"/api/admin/agencies/{a.Id}/domains", new { domain = domainA }), HttpStatusCode.Conflict, ErrorCodes.Conflict);
        // Inside a domain that is itself still pending: wait until that one is decided.
        await GatewayFixture.AssertProblem(await asB.PostAsJsonAsync($"/api/admin/agencies/{b.Id}/domains", new { domain = $"z.{extra}" }), HttpStatusCode.Conflict, ErrorCodes.Conflict);
        // An agency admin acts on their own agency only.
        await GatewayFixture.AssertProblem(await asB.PostAsJsonAsync($"/api/admin/agencies/{a.Id}/domains", new { domain = Fresh() }), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);

        Assert.Equal(a.Id, (await Stored(extra))!.AgencyId);
        Assert.Equal(1L, await fixture.Scalar<long>("SELECT count(*) FROM gochat_agency_domains WHERE agency_id = @b", ("b", b.Id)));
    }

    [Fact]
    public async Task Each_admin_sees_the_requests_that_concern_them()
    {
        var (owner, ownerDomain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var (taker, takerDomain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var (bystander, bystanderDomain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        using var asTaker = Stack.HttpFor((await fixture.AgencyAdmin(taker.Id, takerDomain)).AccessToken);
        using var asOwner = Stack.HttpFor((await fixture.AgencyAdmin(owner.Id, ownerDomain)).AccessToken);
        using var asBystander = Stack.HttpFor((await fixture.AgencyAdmin(bystander.Id, bystanderDomain)).AccessToken);
        using var platform = await Platform();
        var inner = $"w.{ownerDomain}";
        var plain = Fresh();
        await asTaker.PostAsJsonAsync($"/api/admin/agencies/{taker.Id}/domains", new { domain = inner });
        await asTaker.PostAsJsonAsync($"/api/admin/agencies/{taker.Id}/domains", new { domain = plain });

        Assert.Equal(new[] { inner, plain }.Order(), (await List(asTaker)).Select(r => r.Domain).Order());
        Assert.Equal(new[] { inner }, (await List(asOwner)).Select(r => r.Domain));
        Assert.Empty(await List(asBystander));
        var all = (await List(platform)).Select(r => r.Domain).ToList();
        Assert.Contains(inner, all);
        Assert.Contains(plain, all);

        var user = await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(takerDomain));
        using var asUser = Stack.HttpFor(user.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await asUser.GetAsync("/api/admin/domain-requests")).StatusCode);
    }

    [Fact]
    public async Task Platform_admins_domain_is_active_at_once_and_audited_as_their_approval()
    {
        var (agency, _) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        using var platform = await Platform();
        var extra = Fresh();

        var added = await platform.PostAsJsonAsync($"/api/admin/agencies/{agency.Id}/domains", new { domain = extra });

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal(DomainStatus.Active, (await added.Content.ReadFromJsonAsync<AgencyDomain>())!.Status);
        Assert.Equal(agency.Id, (await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(extra))).Account.AgencyId);
        var platformId = (await fixture.PlatformAdmin()).UserId;
        var log = await Audit(agency.Id);
        Assert.Contains(log, e => e.Action == "agency.domain_approved" && e.ActorId == platformId && e.Details == extra);
        Assert.Contains(log, e => e.Action == "agency.domain_added" && e.ActorId == platformId && e.Details == extra);
        Assert.DoesNotContain(log, e => e.Action == "agency.domain_requested" && e.Details == extra);
    }

    [Fact]
    public async Task Platform_admin_may_consent_on_the_containing_agencys_behalf_and_it_is_audited_there()
    {
        var (owner, ownerDomain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var (taker, takerDomain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        using var asTaker = Stack.HttpFor((await fixture.AgencyAdmin(taker.Id, takerDomain)).AccessToken);
        using var platform = await Platform();
        var inner = $"u.{ownerDomain}";
        Assert.Equal(HttpStatusCode.Accepted, (await asTaker.PostAsJsonAsync($"/api/admin/agencies/{taker.Id}/domains", new { domain = inner })).StatusCode);

        var consented = await platform.PostAsync($"/api/admin/domain-requests/{inner}/consent", null);
        Assert.Equal(DomainStatus.PendingApproval, (await consented.Content.ReadFromJsonAsync<AgencyDomain>())!.Status);
        Assert.Equal(HttpStatusCode.OK, (await platform.PostAsync($"/api/admin/domain-requests/{inner}/approve", null)).StatusCode);

        var platformId = (await fixture.PlatformAdmin()).UserId;
        Assert.Contains(await Audit(owner.Id), e => e.Action == "agency.domain_consented" && e.ActorId == platformId && e.Details == $"{inner} for {taker.Id}");
        Assert.Equal(taker.Id, (await Stack.SignInWithEmailAsync(GatewayFixture.StaffEmail(inner))).Account.AgencyId);
    }

    [Fact]
    public async Task Racing_requests_for_a_domain_and_one_inside_it_cannot_both_pass()
    {
        var (a, domainA) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var (b, domainB) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        using var asA = Stack.HttpFor((await fixture.AgencyAdmin(a.Id, domainA)).AccessToken);
        using var asB = Stack.HttpFor((await fixture.AgencyAdmin(b.Id, domainB)).AccessToken);

        for (var round = 0; round < 10; round++)
        {
            var outer = Fresh();
            var answers = await Task.WhenAll(
                asA.PostAsJsonAsync($"/api/admin/agencies/{a.Id}/domains", new { domain = outer }),
                asB.PostAsJsonAsync($"/api/admin/agencies/{b.Id}/domains", new { domain = $"in.{outer}" }));
            // Whichever comes second finds the first: above it (refused) or inside a pending one (conflict).
            Assert.Equal(1, answers.Count(r => r.StatusCode == HttpStatusCode.Accepted));
            Assert.Equal(1L, await fixture.Scalar<long>("SELECT count(*) FROM gochat_agency_domains WHERE domain IN (@o, @i)", ("o", outer), ("i", $"in.{outer}")));
        }
    }

    [Fact]
    public async Task Database_refuses_a_domain_active_without_approval_or_approved_without_consent_or_owned_twice()
    {
        var (owner, ownerDomain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        var (taker, takerDomain) = await fixture.CreateAgency(AgencyCategory.FederalAgency);
        using var asTaker = Stack.HttpFor((await fixture.AgencyAdmin(taker.Id, takerDomain)).AccessToken);
        var inner = $"v.{ownerDomain}";
        var plain = Fresh();
        await asTaker.PostAsJsonAsync($"/api/admin/agencies/{taker.Id}/domains", new { domain = inner });
        await asTaker.PostAsJsonAsync($"/api/admin/agencies/{taker.Id}/domains", new { domain = plain });

        // Whatever code writes the table, these hold: the grain's rules are not the only line.
        var unapproved = await Assert.ThrowsAsync<PostgresException>(() => fixture.Execute($"UPDATE gochat_agency_domains SET status = 3 WHERE domain = '{plain}'"));
        var unconsented = await Assert.ThrowsAsync<PostgresException>(() => fixture.Execute($"UPDATE gochat_agency_domains SET status = 2 WHERE domain = '{inner}'"));
        var twice = await Assert.ThrowsAsync<PostgresException>(() => fixture.Execute(
            $"INSERT INTO gochat_agency_domains (domain, agency_id, status, approved_at) VALUES ('{plain}', '{owner.Id}', 3, now())"));

        Assert.Equal((PostgresErrorCodes.CheckViolation, PostgresErrorCodes.CheckViolation, PostgresErrorCodes.UniqueViolation), (unapproved.SqlState, unconsented.SqlState, twice.SqlState));
        Assert.Equal(DomainStatus.PendingApproval, (await Stored(plain))!.Status);
        Assert.Equal(DomainStatus.PendingConsent, (await Stored(inner))!.Status);
    }

    /// <summary>A second-level government domain no other test uses.</summary>
    private static string Fresh() => $"m{Guid.NewGuid():N}"[..10] + ".gov.my";

    private async Task<HttpClient> Platform() => Stack.HttpFor((await fixture.PlatformAdmin()).AccessToken);

    /// <summary>A new federal agency on exactly this domain, created by the platform admin (so active at once).</summary>
    private async Task<(AgencyInfo Agency, string Domain)> Create(string domain)
    {
        using var platform = await Platform();
        var response = await platform.PostAsJsonAsync("/api/admin/agencies", new { name = $"Agensi {domain}", category = AgencyCategory.FederalAgency, domains = new[] { domain } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var agency = (await response.Content.ReadFromJsonAsync<AgencyInfo>())!;
        Assert.Equal([domain], agency.Domains);
        return (agency, domain);
    }

    /// <summary>The agency's domains as anyone sees them on the public list.</summary>
    private async Task<IReadOnlyList<string>> PublicDomains(Guid agencyId) =>
        (await Stack.Http.GetFromJsonAsync<List<AgencyInfo>>("/api/agencies"))!.Single(a => a.Id == agencyId).Domains;

    private static async Task<List<AgencyDomain>> List(HttpClient http) => (await http.GetFromJsonAsync<List<AgencyDomain>>("/api/admin/domain-requests"))!;

    private async Task<List<AuditEntry>> Audit(Guid agencyId)
    {
        using var platform = await Platform();
        return (await platform.GetFromJsonAsync<List<AuditEntry>>($"/api/admin/agencies/{agencyId}/audit?limit=500"))!;
    }

    /// <summary>The row as PostgreSQL holds it, or null.</summary>
    private async Task<AgencyDomain?> Stored(string domain)
    {
        var status = await fixture.Scalar<object?>("SELECT (SELECT status FROM gochat_agency_domains WHERE domain = @d)", ("d", domain));
        return status is short s ? new AgencyDomain(domain, await fixture.Scalar<Guid>("SELECT agency_id FROM gochat_agency_domains WHERE domain = @d", ("d", domain)),
            "", (DomainStatus)s, null, null, false, null, DateTimeOffset.MinValue) : null;
    }
}
