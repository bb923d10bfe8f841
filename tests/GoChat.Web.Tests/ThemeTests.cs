namespace GoChat.Web.Tests;

/// <summary>
/// Dark mode: the client follows the system's colour scheme until the user picks light or dark in Settings; the
/// choice is this browser's, kept over a reload; every text colour stays readable (WCAG AA) in both themes.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ThemeTests(BrowserFixture fixture)
{
    private const string LightPanel = "rgb(255, 255, 255)";
    private const string DarkPanel = "rgb(17, 27, 33)";

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(390, 844)]
    public async Task Theme_follows_the_system_until_the_switch_in_settings_overrides_it(int width, int height)
    {
        var (_, domain) = await fixture.CreateAgency();
        await using var me = await fixture.OpenBrowser(BrowserFixture.StaffEmail("tema", domain), width, height);
        await me.Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await me.SignIn();
        var list = me.Page.Locator(".side");
        await Expect(list).ToHaveCSSAsync("background-color", DarkPanel);
        // Followed live: the system turning light turns GoChat light, without a reload.
        await me.Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await Expect(list).ToHaveCSSAsync("background-color", LightPanel);

        await me.Page.GetByRole(AriaRole.Link, new() { Name = "Tetapan" }).ClickAsync();
        var settings = me.Page.Locator(".page");
        await Expect(me.Page.GetByRole(AriaRole.Radio, new() { Name = "Ikut sistem" })).ToBeCheckedAsync();
        await me.Page.Locator(".theme-switch label").Filter(new() { HasText = "Gelap" }).ClickAsync();
        await Expect(settings).ToHaveCSSAsync("background-color", DarkPanel);
        await me.Page.ScreenshotAsync(new() { Path = fixture.Screenshot($"settings-dark-{width}x{height}") });
        await AssertReadable(me.Page);

        // The system says dark, the user said light: light it is, after a reload too.
        await me.Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await me.Page.Locator(".theme-switch label").Filter(new() { HasText = "Cerah" }).ClickAsync();
        await Expect(settings).ToHaveCSSAsync("background-color", LightPanel);
        await AssertReadable(me.Page);
        await me.Page.ReloadAsync();
        await Expect(me.Page.GetByRole(AriaRole.Radio, new() { Name = "Cerah" })).ToBeCheckedAsync();
        await Expect(settings).ToHaveCSSAsync("background-color", LightPanel);

        // Keyboard: the arrow keys move within the group; back to the system, which is dark now.
        await me.Page.GetByRole(AriaRole.Radio, new() { Name = "Cerah" }).FocusAsync();
        await me.Page.Keyboard.PressAsync("ArrowLeft");
        await Expect(me.Page.GetByRole(AriaRole.Radio, new() { Name = "Ikut sistem" })).ToBeCheckedAsync();
        await Expect(settings).ToHaveCSSAsync("background-color", DarkPanel);
    }

    /// <summary>The theme's text colours against the backgrounds they are drawn on, each at least 4.5:1.</summary>
    private static async Task AssertReadable(IPage page)
    {
        var failures = await page.EvaluateAsync<string[]>("""
            () => {
              const css = getComputedStyle(document.documentElement);
              const rgb = (name) => {
                const probe = document.createElement("span");
                probe.style.color = css.getPropertyValue(name).trim();
                document.body.appendChild(probe);
                const [r, g, b] = getComputedStyle(probe).color.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
                probe.remove();
                return [r, g, b];
              };
              const lum = ([r, g, b]) => [r, g, b].map((c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; })
                .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
              const ratio = (a, b) => { const [x, y] = [lum(rgb(a)), lum(rgb(b))].sort(); return (y + 0.05) / (x + 0.05); };
              const pairs = [
                ["--text", "--panel"], ["--text", "--bg"], ["--text", "--mine"], ["--text", "--theirs"], ["--text", "--input-bg"],
                ["--muted", "--panel"], ["--muted", "--header-bg"], ["--muted", "--mine"], ["--muted", "--theirs"], ["--muted", "--row-current"],
                ["--accent", "--panel"], ["--accent", "--header-bg"], ["--accent", "--brand-soft"], ["--accent", "--theirs"],
                ["--on-brand", "--brand"], ["--danger", "--panel"], ["--success", "--panel"], ["--read", "--mine"], ["--ticks", "--mine"],
                ["--tag-text", "--tag-bg"], ["--banner-text", "--banner-bg"], ["--offline-text", "--offline-bg"],
                ["--day-text", "--day-bg"], ["--system-text", "--system-bg"],
              ];
              return pairs.filter(([a, b]) => ratio(a, b) < 4.5).map(([a, b]) => `${a} on ${b}: ${ratio(a, b).toFixed(2)}`);
            }
            """);
        Assert.Empty(failures);
    }
}
