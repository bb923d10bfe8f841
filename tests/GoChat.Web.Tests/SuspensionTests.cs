namespace GoChat.Web.Tests;

/// <summary>An admin suspends someone whose GoChat is open: their page says why it signed them out, and stops trying.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SuspensionTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_suspended_users_open_page_shows_the_reason_on_the_sign_in_page_and_stops_reconnecting()
    {
        var (_, domain) = await fixture.CreateAgency();
        await using var admin = await fixture.AgencyAdmin(domain);
        await using var user = await fixture.OpenBrowser(BrowserFixture.StaffEmail("digantung", domain));
        // A fake clock that still runs on its own: after the sign-in page is shown, a minute of retry timers is run at once.
        await user.Page.Clock.InstallAsync();
        await user.SignIn();
        var hubRequests = 0;
        user.Page.Request += (_, request) => { if (request.Url.Contains("/hubs/chat")) Interlocked.Increment(ref hubRequests); };

        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "Portal pentadbir" }).ClickAsync();
        await admin.Page.GetByRole(AriaRole.Tab, new() { Name = "Pengguna" }).ClickAsync();
        var row = admin.Page.Locator($"[data-testid=admin-user][data-email='{user.Email}']");
        await row.GetByRole(AriaRole.Button, new() { Name = "Gantung" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Digantung");

        var reason = user.Page.GetByTestId("session-ended");
        await Expect(reason).ToHaveTextAsync("Akaun anda telah digantung oleh pentadbir agensi, jadi anda telah dilog keluar. Hubungi pentadbir agensi anda untuk maklumat lanjut.");
        await Expect(user.Page.GetByLabel("E-mel rasmi")).ToBeVisibleAsync();
        Assert.Null(await user.Page.EvaluateAsync<string?>("() => localStorage.getItem('gochat.session')"));
        var before = Volatile.Read(ref hubRequests);
        await user.Page.Clock.RunForAsync(60_000);
        await Expect(reason).ToBeVisibleAsync();
        Assert.Equal(before, Volatile.Read(ref hubRequests));

        // A reload still says why.
        await user.Page.ReloadAsync();
        await Expect(reason).ToContainTextAsync("digantung");
    }
}
