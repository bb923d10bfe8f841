using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace GoChat.Web.Tests;

/// <summary>
/// The main screens at both sizes in both themes: each is saved as a screenshot (for a person to look at) and checked
/// by axe-core against WCAG 2.1 A and AA, contrast included, so a colour, label or focus regression in either theme
/// fails the run instead of waiting for a user to report it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenTourTests(BrowserFixture fixture)
{
    private static readonly (int Width, int Height)[] Sizes = [(1280, 800), (390, 844)];
    private static readonly ColorScheme[] Themes = [ColorScheme.Light, ColorScheme.Dark];

    private static readonly AxeRunOptions Wcag = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        ResultTypes = [ResultType.Violations],
    };

    [Fact]
    public async Task List_chat_emoji_group_info_search_and_admin_pass_axe_at_both_sizes_in_both_themes()
    {
        var (_, domain) = await fixture.CreateAgency();
        await using var aminah = await fixture.OpenBrowser(BrowserFixture.StaffEmail("aminah", domain));
        await aminah.SignIn();
        await using var badrul = await fixture.OpenBrowser(BrowserFixture.StaffEmail("badrul", domain));
        await badrul.SignIn();
        await aminah.CreateGroup("Unit Dasar", badrul);
        await aminah.Send("Mesyuarat jam 3 petang di bilik gerakan.");
        await badrul.Open("Unit Dasar");
        await badrul.Send("Baik, saya hadir.");
        await Expect(aminah.Message("Baik, saya hadir.")).ToBeVisibleAsync();
        var chatPath = new Uri(aminah.Page.Url).AbsolutePath;
        await using var admin = await fixture.AgencyAdmin(domain);

        var failures = new List<string>();
        foreach (var (width, height) in Sizes)
        foreach (var theme in Themes)
        {
            var size = $"{width}x{height}-{theme.ToString().ToLowerInvariant()}";
            foreach (var person in new[] { aminah, admin })
            {
                await person.Page.SetViewportSizeAsync(width, height);
                await person.Page.EmulateMediaAsync(new() { ColorScheme = theme });
            }

            await aminah.Page.GotoAsync("/");
            await Expect(aminah.Conversation("Unit Dasar")).ToBeVisibleAsync();
            await Expect(aminah.Page.GetByTestId("connection-banner")).ToHaveCountAsync(0);
            await Check(aminah.Page, $"list-{size}", failures);
            await aminah.Page.GetByTestId("chat-actions-button").First.ClickAsync();
            await Expect(aminah.Page.GetByTestId("chat-actions")).ToBeVisibleAsync();
            await Check(aminah.Page, $"list-actions-{size}", failures);
            await aminah.Page.Keyboard.PressAsync("Escape");

            await aminah.Page.GotoAsync(chatPath);
            await Expect(aminah.Message("Baik, saya hadir.")).ToBeVisibleAsync();
            // The cached chat shows before the link is up: the screenshot is of the chat as it is used, connected.
            await Expect(aminah.Page.GetByTestId("connection-banner")).ToHaveCountAsync(0);
            await Check(aminah.Page, $"chat-{size}", failures);
            await aminah.Page.GetByTestId("emoji-button").ClickAsync();
            await Expect(aminah.Page.GetByTestId("emoji-picker")).ToBeVisibleAsync();
            await Check(aminah.Page, $"emoji-{size}", failures);
            await aminah.Page.Keyboard.PressAsync("Escape");

            await aminah.Page.GotoAsync(chatPath + "/info");
            await Expect(aminah.Page.GetByText(badrul.DefaultName).First).ToBeVisibleAsync();
            await Check(aminah.Page, $"group-info-{size}", failures);

            await aminah.Page.GotoAsync("/search");
            await aminah.Page.GetByRole(AriaRole.Searchbox, new() { Name = "Cari dalam mesej" }).FillAsync("mesyuarat");
            await aminah.Page.Keyboard.PressAsync("Enter");
            await Expect(aminah.Page.GetByTestId("search-hit").Locator("mark")).ToHaveTextAsync("Mesyuarat");
            await Check(aminah.Page, $"search-{size}", failures);

            await admin.Page.GotoAsync("/admin");
            await admin.Page.GetByRole(AriaRole.Tab, new() { Name = "Pengguna" }).ClickAsync();
            await Expect(admin.Page.GetByTestId("admin-user").First).ToBeVisibleAsync();
            await Check(admin.Page, $"admin-{size}", failures);
        }

        Assert.True(failures.Count == 0, "axe-core found WCAG violations:\n" + string.Join("\n", failures));
    }

    /// <summary>Saves the screen and adds one line per violating element to the failures.</summary>
    private async Task Check(IPage page, string screen, List<string> failures)
    {
        await page.ScreenshotAsync(new() { Path = fixture.Screenshot($"tour-{screen}") });
        var result = await page.RunAxe(Wcag);
        foreach (var violation in result.Violations)
        foreach (var node in violation.Nodes)
            failures.Add($"{screen}: {violation.Id} ({violation.Impact}) at {node.Target}: {violation.Help}; {node.Html}");
    }
}
