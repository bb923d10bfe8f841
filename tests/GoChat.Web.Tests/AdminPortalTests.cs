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
        await Expect(admin.Page.GetByText("user.approved")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Admin_suspends_and_reinstates_a_user_and_manages_domains()
    {
        var (_, domain) = await fixture.CreateAgency();
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

        await admin.Page.GetByRole(AriaRole.Tab, new() { Name = "Domain" }).ClickAsync();
        await admin.Page.GetByLabel("Domain baharu").FillAsync(extra);
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Tambah" }).ClickAsync();
        await Expect(admin.Page.Locator(".domain-list")).ToContainTextAsync(extra);
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = $"Buang domain {extra}" }).ClickAsync();
        await Expect(admin.Page.Locator(".domain-list")).Not.ToContainTextAsync(extra);
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
