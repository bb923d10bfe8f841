using System.Text.Json;

namespace GoChat.Web.Tests;

/// <summary>
/// Swipe right on a message to reply (issue 14), with a finger on a phone's touch screen: the touches go in through
/// Chromium's DevTools input, so the page sees the pointer events a real screen makes.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SwipeTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Swiping_a_message_right_quotes_it_in_the_composer_and_a_short_or_vertical_drag_does_not()
    {
        var (_, domain) = await fixture.CreateAgency();
        await using var hana = await fixture.OpenBrowser(BrowserFixture.StaffEmail("hana", domain), 390, 844, touch: true);
        await using var ismail = await fixture.OpenBrowser(BrowserFixture.StaffEmail("ismail", domain));
        await hana.SignIn();
        await ismail.SignIn();
        await ismail.StartChatWith(hana.Email, hana.DefaultName);
        await ismail.Send("Boleh semak draf surat ini?");
        await hana.Open(ismail.DefaultName);
        var bubble = hana.Message("Boleh semak draf surat ini?").GetByTestId("bubble");
        await Expect(bubble).ToBeVisibleAsync();
        var cdp = await hana.Context.NewCDPSessionAsync(hana.Page);
        var context = hana.Page.GetByTestId("chat-view").Locator(".composer-context");

        // Too short, then mostly down: neither replies.
        await Drag(cdp, bubble, dx: 30, dy: 0);
        await Drag(cdp, bubble, dx: 20, dy: 120);
        await Expect(context).ToHaveCountAsync(0);

        await Drag(cdp, bubble, dx: 90, dy: 4);
        await Expect(context).ToContainTextAsync("Boleh semak draf surat ini?");
        await Expect(context).ToContainTextAsync(ismail.DefaultName);
        // The bubble is back in place once the finger is up.
        await Expect(bubble).Not.ToHaveAttributeAsync("style", new System.Text.RegularExpressions.Regex("translateX"));

        await hana.Send("Baik, saya semak petang ini.");
        await Expect(ismail.Message("Baik, saya semak petang ini.").GetByTestId("quote")).ToContainTextAsync("Boleh semak draf surat ini?");
    }

    /// <summary>One finger down in the bubble's middle, moved in steps, lifted.</summary>
    private static async Task Drag(ICDPSession cdp, ILocator target, int dx, int dy)
    {
        var box = (await target.BoundingBoxAsync())!;
        var (x, y) = (box.X + 20, box.Y + box.Height / 2);
        await Touch(cdp, "touchStart", x, y);
        for (var step = 1; step <= 5; step++) await Touch(cdp, "touchMove", x + dx * step / 5.0, y + dy * step / 5.0);
        await cdp.SendAsync("Input.dispatchTouchEvent", new Dictionary<string, object> { ["type"] = "touchEnd", ["touchPoints"] = Array.Empty<object>() });
    }

    private static Task<JsonElement?> Touch(ICDPSession cdp, string type, double x, double y) =>
        cdp.SendAsync("Input.dispatchTouchEvent", new Dictionary<string, object>
        {
            ["type"] = type,
            ["touchPoints"] = new[] { new Dictionary<string, object> { ["x"] = x, ["y"] = y } },
        });
}
