namespace GoChat.Web.Tests;

/// <summary>
/// A refusal for going over a budget says when to try again (issue 14): the gateway names the wait in its refusal,
/// and the client shows it instead of "shortly". Met on a gateway of its own whose upload budget per device is one.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RateLimitRefusalTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_second_upload_over_the_budget_says_in_how_many_seconds_to_try_again()
    {
        await using var gateway = await fixture.Stack.StartExtraGatewayAsync(new Dictionary<string, string?>
        {
            ["RateLimits:Uploads:PerDevice:Burst"] = "1",
            ["RateLimits:Uploads:PerDevice:PerSecond"] = "0.01",
        });
        var (_, domain) = await fixture.CreateAgency();
        await using var rahim = await fixture.OpenBrowser(BrowserFixture.StaffEmail("rahim", domain), gateway: gateway.Uri);
        await rahim.SignIn();
        var page = rahim.Page;
        await page.GetByRole(AriaRole.Button, new() { Name = "Profil saya" }).ClickAsync();
        var icon = Path.Combine(AppContext.BaseDirectory, "wwwroot", "icon-192.png");

        await page.Locator("#photo").SetInputFilesAsync(icon);
        await Expect(page.GetByText("Gambar profil dikemas kini.")).ToBeVisibleAsync();
        await page.Locator("#photo").SetInputFilesAsync(icon);

        // One permit per 100 s: the wait named is between a minute and a half and 100 s, never "shortly".
        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Terlalu banyak permintaan\. Cuba lagi dalam (9\d|100) saat\.$"));
    }
}
