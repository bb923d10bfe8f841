namespace GoChat.Web.Tests;

/// <summary>Registration and sign-in with the emailed code, in the browser, against the real gateway.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_external_address_is_asked_for_its_agency_once_with_no_error_beside_the_question()
    {
        await fixture.CreateAgency();
        await using var vendor = await fixture.OpenBrowser($"vendor-{Guid.NewGuid():N}"[..15] + "@syarikat.com.my");

        await vendor.RequestAndEnterCode();
        await vendor.Page.GetByRole(AriaRole.Button, new() { Name = "Sahkan" }).ClickAsync();

        await Expect(vendor.Page.GetByLabel("Agensi")).ToBeVisibleAsync();
        await Expect(vendor.Page.GetByText("Alamat ini bukan alamat kerajaan", new() { Exact = false })).ToHaveCountAsync(1);
        await Expect(vendor.Page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Staff_member_registers_with_the_emailed_code_sees_the_device_and_signs_out()
    {
        var (_, domain) = await fixture.CreateAgency();
        await using var aminah = await fixture.OpenBrowser(BrowserFixture.StaffEmail("aminah", domain));

        await aminah.SignIn();

        await aminah.Page.GetByRole(AriaRole.Link, new() { Name = "Peranti saya" }).ClickAsync();
        await Expect(aminah.Page.GetByTestId("device")).ToHaveCountAsync(1);
        await Expect(aminah.Page.GetByTestId("device")).ToContainTextAsync("Peranti ini");
        await aminah.Page.GetByTestId("sign-out").ClickAsync();
        await Expect(aminah.Page.GetByLabel("E-mel rasmi")).ToBeVisibleAsync();
        await aminah.Page.SetViewportSizeAsync(390, 844);
        await aminah.Page.ScreenshotAsync(new() { Path = fixture.Screenshot("signin-390x844") });
    }

    [Fact]
    public async Task App_is_installable_with_a_manifest_and_a_service_worker_and_a_profile_picture_passes_the_CSP()
    {
        await using var staff = await fixture.SignedInStaff("qistina");
        var page = staff.First.Page;

        Assert.True(await page.EvaluateAsync<bool>("() => navigator.serviceWorker.ready.then(r => !!r.active)"));
        var manifest = await page.EvaluateAsync<string>("() => fetch('/manifest.webmanifest').then(r => r.json()).then(m => m.name + ' ' + m.display)");
        Assert.Equal("GoChat standalone", manifest);

        await page.GetByRole(AriaRole.Button, new() { Name = "Profil saya" }).ClickAsync();
        await page.Locator("#photo").SetInputFilesAsync(Path.Combine(AppContext.BaseDirectory, "wwwroot", "icon-192.png"));
        await Expect(page.GetByText("Gambar profil dikemas kini.")).ToBeVisibleAsync();
        await Expect(page.Locator(".photo-row img")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^blob:"));
        Assert.True(await page.Locator(".photo-row img").EvaluateAsync<bool>("img => img.complete && img.naturalWidth === 192"));
    }

    [Fact]
    public async Task Gateway_serves_the_app_with_a_strict_content_security_policy_and_client_routes()
    {
        var http = fixture.Stack.Http;

        var shell = await http.GetAsync("/");
        var deepLink = await http.GetAsync("/chats/0b4f3c9e-0000-4000-8000-000000000000");
        var unknownApi = await http.GetAsync("/api/no-such-route");

        Assert.Equal(System.Net.HttpStatusCode.OK, shell.StatusCode);
        var csp = string.Join(" ", shell.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", string.Join("", shell.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(System.Net.HttpStatusCode.OK, deepLink.StatusCode);
        Assert.Equal(await shell.Content.ReadAsStringAsync(), await deepLink.Content.ReadAsStringAsync());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknownApi.StatusCode);
        Assert.True(unknownApi.Headers.Contains("Content-Security-Policy"));
    }
}
