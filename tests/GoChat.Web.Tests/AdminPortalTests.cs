namespace GoChat.Web.Tests;

/// <summary>The agency admin portal in the browser: approval of external users, people, domains, audit.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminPortalTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Admin_approves_an_external_user_who_can_then_sign_in()
    {
        var (agency, domain) = await fixture.CreateAgency("Jabatan Kerja Raya");
        await using var admin = await fixture.AgencyAdmin(domain);
        await using var vendor = await fixture.OpenBrowser($"vendor-{Guid.NewGuid():N}"[..15] + "@syarikat.com.my");

        await vendor.RequestAndEnterCode();
        await vendor.Page.GetByRole(AriaRole.Button, new() { Name = "Sahkan" }).ClickAsync();
        await vendor.Page.GetByLabel("Agensi").SelectOptionAsync(new SelectOptionValue { Label = agency.Name });
        await vendor.Page.GetByLabel("Nama paparan").FillAsync("Rakan Syarikat Sdn Bhd");
        await vendor.Page.GetByRole(AriaRole.Button, new() { Name = "Sahkan" }).ClickAsync();
        await Expect(vendor.Page.GetByRole(AriaRole.Heading, new() { Name = "Menunggu kelulusan" })).ToBeVisibleAsync();

        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "Portal pentadbir" }).ClickAsync();
        var row = admin.Page.Locator($"[data-testid=admin-user][data-email='{vendor.Email}']");
        await Expect(row).ToContainTextAsync("Rakan Syarikat Sdn Bhd");
        await ScreenshotAdmin(admin);
        await row.GetByRole(AriaRole.Button, new() { Name = "Luluskan" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);

        await vendor.SignIn();
        await Expect(vendor.ChatList).ToBeVisibleAsync();

        await admin.Page.GetByRole(AriaRole.Tab, new() { Name = "Pengguna" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Aktif");
        await admin.Page.GetByRole(AriaRole.Tab, new() { Name = "Log audit" }).ClickAsync();
        var approved = admin.Page.Locator("[data-testid=audit-row][data-action='user.approved']");
        await Expect(approved.GetByTestId("audit-action")).ToHaveTextAsync("Pengguna diluluskan");
        await Expect(approved.GetByTestId("audit-actor")).ToContainTextAsync(admin.Email);
        await Expect(approved.GetByTestId("audit-details")).ToContainTextAsync("Rakan Syarikat Sdn Bhd");
    }

    [Fact]
    public async Task Admin_suspends_and_reinstates_a_user_and_requests_a_domain_that_a_platform_admin_approves()
    {
        var (agency, domain) = await fixture.CreateAgency();
        await using var admin = await fixture.AgencyAdmin(domain);
        var staffEmail = BrowserFixture.StaffEmail("nurul", domain);
        await fixture.Stack.SignInWithEmailAsync(staffEmail);
        var extra = $"u{Guid.NewGuid():N}"[..10] + ".gov.my";

        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "Portal pentadbir" }).ClickAsync();
        await admin.Page.GetByRole(AriaRole.Tab, new() { Name = "Pengguna" }).ClickAsync();
        var row = admin.Page.Locator($"[data-testid=admin-user][data-email='{staffEmail}']");
        await row.GetByRole(AriaRole.Button, new() { Name = "Gantung" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Digantung");
        await row.GetByRole(AriaRole.Button, new() { Name = "Pulihkan" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Aktif");

        // The agency asks; the domain waits for a platform admin and decides nothing meanwhile.
        await admin.Page.GetByRole(AriaRole.Tab, new() { Name = "Domain" }).ClickAsync();
        await admin.Page.GetByLabel("Domain baharu").FillAsync(extra);
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Mohon", Exact = true }).ClickAsync();
        await Expect(admin.Page.Locator("#admin-panel").GetByRole(AriaRole.Status)).ToHaveTextAsync("Permohonan dihantar. Domain ini aktif selepas diluluskan.");
        var domainRow = admin.Page.Locator($"[data-testid=domain-row][data-domain='{extra}']");
        await Expect(domainRow).ToContainTextAsync("Menunggu kelulusan");

        await using var platform = await fixture.PlatformAdminAtBrowser();
        await platform.Page.GetByRole(AriaRole.Link, new() { Name = "Portal pentadbir" }).ClickAsync();
        await platform.Page.GetByRole(AriaRole.Tab, new() { Name = "Domain" }).ClickAsync();
        var request = platform.Page.Locator($"[data-testid=domain-request][data-domain='{extra}']");
        await Expect(request).ToContainTextAsync(agency.Name);
        await request.GetByRole(AriaRole.Button, new() { Name = $"Lulus {extra}" }).ClickAsync();
        await Expect(request).ToHaveCountAsync(0);

        await admin.Page.ReloadAsync();
        await admin.Page.GetByRole(AriaRole.Tab, new() { Name = "Domain" }).ClickAsync();
        await Expect(domainRow).ToContainTextAsync("Aktif");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = $"Buang domain {extra}" }).ClickAsync();
        await Expect(domainRow).ToHaveCountAsync(0);

        // A public mail domain is refused, in the admin's language.
        await admin.Page.GetByLabel("Domain baharu").FillAsync("gmail.com");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Mohon", Exact = true }).ClickAsync();
        await Expect(admin.Page.Locator("#admin-panel").GetByRole(AriaRole.Alert)).ToContainTextAsync("Domain ini tidak dibenarkan");
    }

    [Fact]
    public async Task Agency_consents_to_a_domain_inside_its_own_before_a_platform_admin_approves_it()
    {
        var (owner, ownerDomain) = await fixture.CreateAgency("Kementerian Induk");
        var (_, takerDomain) = await fixture.CreateAgency("Jabatan Anak");
        await using var taker = await fixture.AgencyAdmin(takerDomain);
        await using var ownerAdmin = await fixture.AgencyAdmin(ownerDomain);
        var inner = $"anak.{ownerDomain}";

        await taker.Page.GetByRole(AriaRole.Link, new() { Name = "Portal pentadbir" }).ClickAsync();
        await taker.Page.GetByRole(AriaRole.Tab, new() { Name = "Domain" }).ClickAsync();
        await taker.Page.GetByLabel("Domain baharu").FillAsync(inner);
        await taker.Page.GetByRole(AriaRole.Button, new() { Name = "Mohon", Exact = true }).ClickAsync();
        var row = taker.Page.Locator($"[data-testid=domain-row][data-domain='{inner}']");
        await Expect(row).ToContainTextAsync($"Menunggu persetujuan agensi {owner.Name}");
        await taker.Page.ScreenshotAsync(new() { Path = fixture.Screenshot("admin-domains-1280x800") });

        await ownerAdmin.Page.GetByRole(AriaRole.Link, new() { Name = "Portal pentadbir" }).ClickAsync();
        await ownerAdmin.Page.GetByRole(AriaRole.Tab, new() { Name = "Domain" }).ClickAsync();
        var awaiting = ownerAdmin.Page.Locator($"[data-testid=domain-request][data-domain='{inner}']");
        await Expect(awaiting).ToContainTextAsync("Jabatan Anak");
        await ownerAdmin.Page.ScreenshotAsync(new() { Path = fixture.Screenshot("admin-domain-consent-1280x800") });
        await awaiting.GetByRole(AriaRole.Button, new() { Name = $"Setuju {inner}" }).ClickAsync();
        await Expect(awaiting).ToHaveCountAsync(0);

        await taker.Page.ReloadAsync();
        await taker.Page.GetByRole(AriaRole.Tab, new() { Name = "Domain" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Menunggu kelulusan");

        await using var platform = await fixture.PlatformAdminAtBrowser();
        await platform.Page.GetByRole(AriaRole.Link, new() { Name = "Portal pentadbir" }).ClickAsync();
        await platform.Page.GetByRole(AriaRole.Tab, new() { Name = "Domain" }).ClickAsync();
        var request = platform.Page.Locator($"[data-testid=domain-request][data-domain='{inner}']");
        await Expect(request).ToContainTextAsync("Menunggu kelulusan");
        await platform.Page.ScreenshotAsync(new() { Path = fixture.Screenshot("admin-domain-approval-1280x800") });
        await request.GetByRole(AriaRole.Button, new() { Name = $"Lulus {inner}" }).ClickAsync();
        await Expect(request).ToHaveCountAsync(0);

        var staff = await fixture.Stack.SignInWithEmailAsync(BrowserFixture.StaffEmail("baru", inner));
        Assert.NotEqual(owner.Id, staff.Account.AgencyId);
        await taker.Page.ReloadAsync();
        await taker.Page.GetByRole(AriaRole.Tab, new() { Name = "Domain" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Aktif");
    }

    [Fact]
    public async Task A_long_audit_log_leaves_the_tab_bar_its_height_and_the_tabs_switch()
    {
        var (_, domain) = await fixture.CreateAgency();
        var email = BrowserFixture.StaffEmail("diaudit", domain);
        var staff = await fixture.Stack.SignInWithEmailAsync(email);
        using (var platform = fixture.Stack.HttpFor((await fixture.PlatformAdmin()).AccessToken))
        {
            // 24 audit rows at least: the tab bar collapsed from 17 on.
            for (var i = 0; i < 12; i++)
            {
                (await platform.PostAsync($"/api/admin/users/{staff.UserId}/suspend", null)).EnsureSuccessStatusCode();
                (await platform.PostAsync($"/api/admin/users/{staff.UserId}/reinstate", null)).EnsureSuccessStatusCode();
            }
        }
        await using var admin = await fixture.AgencyAdmin(domain);
        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "Portal pentadbir" }).ClickAsync();
        var tabs = admin.Page.GetByRole(AriaRole.Tablist);
        var users = admin.Page.GetByRole(AriaRole.Tab, new() { Name = "Pengguna" });

        foreach (var (width, height) in new[] { (1280, 800), (390, 844) })
        {
            await admin.Page.SetViewportSizeAsync(width, height);
            await admin.Page.GetByRole(AriaRole.Tab, new() { Name = "Log audit" }).ClickAsync();
            await Expect(admin.Page.Locator("#admin-panel tbody tr").Nth(23)).ToBeAttachedAsync();
            await admin.Page.ScreenshotAsync(new() { Path = fixture.Screenshot($"admin-long-audit-{width}x{height}") });
            var bar = await tabs.BoundingBoxAsync() ?? throw new InvalidOperationException("The tab bar has no box.");
            var tab = await users.BoundingBoxAsync() ?? throw new InvalidOperationException("The tab has no box.");
            Assert.True(bar.Height >= tab.Height, $"At {width} px the tab bar is {bar.Height:0} px high, its tabs {tab.Height:0} px.");

            await users.ClickAsync();
            await Expect(users).ToHaveAttributeAsync("aria-selected", "true");
            await Expect(admin.Page.Locator($"[data-testid=admin-user][data-email='{email}']")).ToContainTextAsync("Aktif");
        }
    }

    private async Task ScreenshotAdmin(Person admin)
    {
        await admin.Page.ScreenshotAsync(new() { Path = fixture.Screenshot("admin-1280x800") });
        await admin.Page.SetViewportSizeAsync(390, 844);
        await Expect(admin.Page.GetByTestId("admin-portal")).ToBeVisibleAsync();
        await admin.Page.ScreenshotAsync(new() { Path = fixture.Screenshot("admin-390x844") });
        await admin.Page.SetViewportSizeAsync(1280, 800);
    }
}
