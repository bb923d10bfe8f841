namespace GoChat.Web.Tests;

/// <summary>
/// The emoji picker (issue 14): from the composer it puts an emoji at the caret; from a message's react button any
/// emoji becomes a reaction; the keyboard reaches and leaves it. Under GoChat's CSP (no inline styles): a page that
/// breaks the policy is reported by the browser, and the test listens for it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EmojiTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Picked_emoji_go_in_at_the_caret_and_react_to_a_message_with_no_csp_violation()
    {
        await using var staff = await fixture.SignedInStaff("aina", "badrul");
        var (aina, badrul) = staff;
        var violations = new List<string>();
        aina.Page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy", StringComparison.Ordinal)) violations.Add(m.Text); };
        await aina.StartChatWith(badrul.Email, badrul.DefaultName);

        await aina.Composer.FillAsync("Terima kasih semua");
        await aina.Composer.EvaluateAsync("el => el.setSelectionRange(12, 12)");
        await aina.Page.GetByTestId("emoji-button").ClickAsync();
        var picker = aina.Page.GetByTestId("emoji-picker");
        await Expect(picker).ToBeVisibleAsync();
        // Opened, focus is in the grid; the arrow keys move in it, Enter picks.
        await Expect(picker.GetByRole(AriaRole.Button, new() { Name = "😀", Exact = true })).ToBeFocusedAsync();
        await aina.Page.Keyboard.PressAsync("ArrowRight");
        await aina.Page.Keyboard.PressAsync("Enter");
        await Expect(picker).ToHaveCountAsync(0);
        await Expect(aina.Composer).ToHaveValueAsync("Terima kasih😃 semua");
        await Expect(aina.Composer).ToBeFocusedAsync();

        // Another category by mouse; Escape closes without a pick.
        await aina.Page.GetByTestId("emoji-button").ClickAsync();
        await picker.GetByRole(AriaRole.Tab, new() { Name = "Objek" }).ClickAsync();
        await picker.GetByRole(AriaRole.Button, new() { Name = "📄", Exact = true }).ClickAsync();
        await Expect(aina.Composer).ToHaveValueAsync("Terima kasih😃📄 semua");
        await aina.Page.GetByTestId("emoji-button").ClickAsync();
        await aina.Page.Keyboard.PressAsync("Escape");
        await Expect(picker).ToHaveCountAsync(0);
        await aina.Composer.PressAsync("Enter");
        await Expect(badrul.Conversation(aina.DefaultName)).ToContainTextAsync("Terima kasih😃📄 semua");

        // Any emoji as a reaction, from the picker behind the quick ones.
        var message = aina.Message("Terima kasih😃📄 semua");
        await message.HoverAsync();
        await message.GetByTestId("react-button").ClickAsync();
        await aina.Page.GetByTestId("more-emoji").ClickAsync();
        await picker.GetByRole(AriaRole.Tab, new() { Name = "Simbol" }).ClickAsync();
        await picker.GetByRole(AriaRole.Button, new() { Name = "💯", Exact = true }).ClickAsync();
        await Expect(message.GetByTestId("reaction-chip")).ToHaveAttributeAsync("data-emoji", "💯");
        await badrul.Open(aina.DefaultName);
        await Expect(badrul.Message("Terima kasih😃📄 semua").GetByTestId("reaction-chip")).ToHaveAttributeAsync("data-emoji", "💯");

        Assert.Empty(violations);
    }
}
