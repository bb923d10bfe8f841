namespace GoChat.Web.Tests;

/// <summary>Bahasa Melayu by default and English a click away; text from people is never markup; refusals are explained.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SafetyAndLanguageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Language_switches_to_English_and_the_account_keeps_the_choice_on_a_new_device()
    {
        await using var staff = await fixture.SignedInStaff("kamal");
        var kamal = await fixture.OpenBrowser(staff.First.Email);
        await using var _ = kamal;
        var page = staff.First.Page;

        await page.GetByRole(AriaRole.Link, new() { Name = "Tetapan" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "EN", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Settings" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Contact directory" })).ToBeVisibleAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Settings" })).ToBeVisibleAsync();

        // Another device starts in Bahasa Melayu, then follows the account's setting once signed in.
        await kamal.SignIn();
        await Expect(kamal.Page.GetByRole(AriaRole.Link, new() { Name = "Contact directory" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "BM" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tetapan" })).ToBeVisibleAsync();
        await Expect(kamal.Page.GetByRole(AriaRole.Link, new() { Name = "Direktori kenalan" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_message_containing_script_renders_as_text()
    {
        await using var staff = await fixture.SignedInStaff("lim", "maria");
        var (lim, maria) = staff;
        const string attack = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\"><b>tebal</b>";
        await lim.StartChatWith(maria.Email, maria.DefaultName);

        await lim.Send(attack);
        await maria.Open(lim.DefaultName);

        await Expect(maria.Message(attack)).ToHaveCountAsync(1);
        await Expect(lim.Message(attack)).ToHaveCountAsync(1);
        foreach (var page in new[] { lim.Page, maria.Page })
        {
            await Expect(page.GetByTestId("chat-view").Locator("script, img, b")).ToHaveCountAsync(0);
            Assert.Null(await page.EvaluateAsync<int?>("() => window.__pwned ?? null"));
        }
        await Expect(maria.Conversation(lim.DefaultName)).ToContainTextAsync("<script>");
    }
}
