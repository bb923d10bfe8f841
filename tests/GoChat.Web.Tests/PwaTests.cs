using System.Text.Json;

namespace GoChat.Web.Tests;

/// <summary>Issue 14: the PWA on a phone: installable, under the safe areas, and the composer above the keyboard.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PwaTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Manifest_makes_a_standalone_app_with_its_icons_and_the_page_reaches_under_the_safe_areas()
    {
        var http = fixture.Stack.Http;
        using var manifest = JsonDocument.Parse(await http.GetStringAsync("/manifest.webmanifest"));
        var root = manifest.RootElement;
        Assert.Equal("standalone", root.GetProperty("display").GetString());
        Assert.Equal("/chats", root.GetProperty("start_url").GetString());
        var sizes = root.GetProperty("icons").EnumerateArray().Select(i => i.GetProperty("sizes").GetString()).ToList();
        Assert.Contains("192x192", sizes);
        Assert.Contains("512x512", sizes);
        foreach (var icon in root.GetProperty("icons").EnumerateArray())
        {
            var response = await http.GetAsync(icon.GetProperty("src").GetString());
            Assert.True(response.IsSuccessStatusCode, $"{icon.GetProperty("src").GetString()} is not served.");
        }

        await using var staff = await fixture.SignedInStaff("fauziah");
        var viewport = await staff.First.Page.Locator("meta[name=viewport]").GetAttributeAsync("content");
        Assert.Contains("viewport-fit=cover", viewport);
        Assert.Contains("interactive-widget=resizes-content", viewport);
    }

    [Theory]
    [InlineData(1280, 800, 500)]
    [InlineData(390, 844, 450)]
    public async Task Composer_stays_above_the_on_screen_keyboard(int width, int height, int withKeyboard)
    {
        await using var staff = await fixture.SignedInStaff("gayah", "hamid");
        var (gayah, hamid) = staff;
        await gayah.Page.SetViewportSizeAsync(width, height);
        await gayah.StartChatWith(hamid.Email, hamid.DefaultName);
        await gayah.Send("Sebelum papan kekunci");
        await gayah.Composer.FocusAsync();

        // The keyboard takes the bottom of the screen: the page is resized to what is left (resizes-content).
        await gayah.Page.SetViewportSizeAsync(width, withKeyboard);
        await Layout.AssertInsideViewport(gayah.Page, gayah.Composer);
        await Layout.AssertInsideViewport(gayah.Page, gayah.Page.GetByRole(AriaRole.Button, new() { Name = "Hantar" }));
        await Expect(gayah.Message("Sebelum papan kekunci")).ToBeInViewportAsync();
        await gayah.Page.ScreenshotAsync(new() { Path = fixture.Screenshot($"keyboard-{width}x{withKeyboard}") });
        await gayah.Send("Dengan papan kekunci");
        await Expect(hamid.Conversation(gayah.DefaultName)).ToBeVisibleAsync();
    }
}
