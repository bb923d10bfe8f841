using System.Net.Http.Json;

namespace GoChat.Web.Tests;

/// <summary>The admin portal of issue 14: search, paging, audit in words, permissions, role confirm, new agency, domains.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminPortalSearchTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Admin_searches_users_confirms_a_role_change_and_sets_an_external_users_permissions()
    {
        var (agency, domain) = await fixture.CreateAgency();
        var zaiton = BrowserFixture.StaffEmail("zaiton", domain);
        await fixture.Stack.SignInWithEmailAsync(zaiton);
        var vendorEmail = $"vendor-{Guid.NewGuid():N}"[..15] + "@syarikat.com.my";
        (await fixture.Stack.RegisterAsync(vendorEmail, agency.Id, "Syarikat Rakan")).EnsureSuccessStatusCode();
        var vendor = await fixture.UserIdOf(vendorEmail);
        using var platform = fixture.Stack.HttpFor((await fixture.PlatformAdmin()).AccessToken);
        (await platform.PostAsync($"/api/admin/users/{vendor}/approve", null)).EnsureSuccessStatusCode();
        await using var admin = await fixture.AgencyAdmin(domain);
        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "Portal pentadbir" }).ClickAsync();
        await admin.Page.GetByRole(AriaRole.Tab, new() { Name = "Pengguna" }).ClickAsync();
        var rows = admin.Page.GetByTestId("admin-user");
        var search = admin.Page.GetByRole(AriaRole.Searchbox, new() { Name = "Cari nama atau e-mel" });
        await Expect(rows).ToHaveCountAsync(3);

        await search.FillAsync("zaiton");
        await search.PressAsync("Enter");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToHaveAttributeAsync("data-email", zaiton);

        // Nothing matches: the words say so, and no table head stands over an empty table.
        await search.FillAsync("tiada-sesiapa-begini");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Cari", Exact = true }).ClickAsync();
        await Expect(admin.Page.GetByText("Tiada yang sepadan dengan carian.")).ToBeVisibleAsync();
        await Expect(admin.Page.Locator("#admin-panel table")).ToHaveCountAsync(0);

        await search.FillAsync("");
        await search.PressAsync("Enter");
        var row = admin.Page.Locator($"[data-testid=admin-user][data-email='{zaiton}']");
        var role = row.GetByRole(AriaRole.Combobox);
        await role.SelectOptionAsync(new SelectOptionValue { Label = "Pentadbir agensi" });
        var question = row.GetByRole(AriaRole.Group, new() { Name = $"Tukar peranan {zaiton.Split('@')[0]} kepada Pentadbir agensi?" });
        await Expect(question).ToBeVisibleAsync();
        await Expect(role).ToHaveValueAsync("User"); // unchanged until confirmed
        await question.GetByRole(AriaRole.Button, new() { Name = "Batal" }).ClickAsync();
        await Expect(question).ToHaveCountAsync(0);
        await role.SelectOptionAsync(new SelectOptionValue { Label = "Pentadbir agensi" });
        await question.GetByRole(AriaRole.Button, new() { Name = "Sahkan" }).ClickAsync();
        await Expect(role).ToHaveValueAsync("AgencyAdmin");

        var vendorRow = admin.Page.Locator($"[data-testid=admin-user][data-email='{vendorEmail}']");
        await vendorRow.GetByRole(AriaRole.Button, new() { Name = "Kebenaran Syarikat Rakan" }).ClickAsync();
        var groups = vendorRow.GetByRole(AriaRole.Checkbox, new() { Name = "Boleh mencipta kumpulan" });
        await Expect(groups).Not.ToBeCheckedAsync();
        await Expect(groups).ToBeEnabledAsync();
        await groups.CheckAsync();
        await Expect(vendorRow.GetByRole(AriaRole.Status)).ToHaveTextAsync("Kebenaran disimpan.");
        Assert.Equal(new ExternalPermissions(true, false), await platform.GetFromJsonAsync<ExternalPermissions>($"/api/admin/users/{vendor}/permissions"));
    }

    [Fact]
    public async Task The_audit_log_names_actions_in_words_loads_older_rows_and_searches()
    {
        var (_, domain) = await fixture.CreateAgency();
        var email = BrowserFixture.StaffEmail("diaudit", domain);
        var staff = await fixture.Stack.SignInWithEmailAsync(email);
        using (var platform = fixture.Stack.HttpFor((await fixture.PlatformAdmin()).AccessToken))
        {
            // More than one page of 50 rows.
            for (var i = 0; i < 26; i++)
            {
                (await platform.PostAsync($"/api/admin/users/{staff.UserId}/suspend", null)).EnsureSuccessStatusCode();
                (await platform.PostAsync($"/api/admin/users/{staff.UserId}/reinstate", null)).EnsureSuccessStatusCode();
            }
        }
        await using var admin = await fixture.AgencyAdmin(domain);
        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "Portal pentadbir" }).ClickAsync();
        await admin.Page.GetByRole(AriaRole.Tab, new() { Name = "Log audit" }).ClickAsync();
        var rows = admin.Page.GetByTestId("audit-row");
        await Expect(rows).ToHaveCountAsync(50);

        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Muat lagi" }).ClickAsync();
        await Expect(rows.Nth(50)).ToBeAttachedAsync();
        await Expect(admin.Page.GetByRole(AriaRole.Button, new() { Name = "Muat lagi" })).ToHaveCountAsync(0);
        var signedIn = admin.Page.Locator($"[data-testid=audit-row][data-action='auth.signed_in']").Filter(new() { HasText = email });
        await Expect(signedIn.GetByTestId("audit-action")).ToHaveTextAsync("Log masuk");
        await Expect(admin.Page.GetByText("auth.signed_in")).ToHaveCountAsync(0);

        var search = admin.Page.GetByRole(AriaRole.Searchbox, new() { Name = "Cari dalam log audit" });
        await search.FillAsync("tiada-padanan-begini");
        await search.PressAsync("Enter");
        await Expect(admin.Page.GetByText("Tiada yang sepadan dengan carian.")).ToBeVisibleAsync();
        await Expect(admin.Page.Locator("#admin-panel table")).ToHaveCountAsync(0);
        await search.FillAsync(email);
        await search.PressAsync("Enter");
        await Expect(rows.First.GetByTestId("audit-action")).ToHaveTextAsync("Pengguna dipulihkan");
        await Expect(rows.Filter(new() { HasNotText = email })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_platform_admin_creates_an_agency_and_a_domain_that_is_no_domain_is_refused_in_words()
    {
        await using var platform = await fixture.PlatformAdminAtBrowser();
        var name = $"Jabatan Baharu {Guid.NewGuid():N}"[..22];
        var domain = $"b{Guid.NewGuid():N}"[..10] + ".gov.my";
        await platform.Page.GetByRole(AriaRole.Link, new() { Name = "Portal pentadbir" }).ClickAsync();

        await platform.Page.GetByText("Cipta agensi", new() { Exact = true }).First.ClickAsync();
        var form = platform.Page.GetByTestId("create-agency");
        await form.GetByLabel("Nama agensi").FillAsync(name);
        await form.GetByLabel("Kategori").SelectOptionAsync(new SelectOptionValue { Label = "Badan berkanun" });
        await form.GetByLabel("Domain e-mel agensi").FillAsync(domain);
        await form.GetByRole(AriaRole.Button, new() { Name = "Cipta agensi" }).ClickAsync();
        await Expect(form.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Agensi {name} dicipta.");
        var chosen = platform.Page.Locator("#agency-pick option:checked");
        await Expect(chosen).ToHaveTextAsync(name);

        await platform.Page.GetByRole(AriaRole.Tab, new() { Name = "Domain" }).ClickAsync();
        await platform.Page.GetByLabel("Domain baharu").FillAsync("bukan domain");
        await platform.Page.GetByRole(AriaRole.Button, new() { Name = "Tambah", Exact = true }).ClickAsync();
        await Expect(platform.Page.Locator("#admin-panel").GetByRole(AriaRole.Alert))
            .ToHaveTextAsync("Ini bukan domain e-mel yang sah. Tulis nama domain sahaja, contohnya jabatan.gov.my.");
    }
}
