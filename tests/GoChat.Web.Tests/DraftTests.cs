namespace GoChat.Web.Tests;

/// <summary>Per-chat drafts: kept when switching chats and over a reload, shown in the list, gone after sending or signing out.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DraftTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData(1280, 800)]
    [InlineData(390, 844)]
    public async Task A_draft_stays_with_its_chat_over_a_switch_and_a_reload_and_goes_with_sign_out(int width, int height)
    {
        var (_, domain) = await fixture.CreateAgency();
        await using var osman = await fixture.OpenBrowser(BrowserFixture.StaffEmail("osman", domain));
        await osman.SignIn();
        await using var nora = await fixture.OpenBrowser(BrowserFixture.StaffEmail("nora", domain), width, height);
        await nora.SignIn();
        await nora.StartChatWith(osman.Email, osman.DefaultName);
        await nora.Send("Salam");
        await Back(nora);
        await nora.CreateGroup("Unit Kewangan", osman);

        await nora.Composer.FillAsync("Laporan suku tahun");
        await Back(nora);
        var groupPreview = nora.Conversation("Unit Kewangan").Locator(".conversation-preview");
        await Expect(groupPreview).ToHaveTextAsync("Draf: Laporan suku tahun");
        await nora.Open(osman.DefaultName);
        await Expect(nora.Composer).ToHaveValueAsync("");
        await nora.Composer.FillAsync("Untuk Osman sahaja");
        await Back(nora);
        await Expect(nora.Conversation(osman.DefaultName).Locator(".conversation-preview")).ToHaveTextAsync("Draf: Untuk Osman sahaja");
        await nora.Open("Unit Kewangan");
        await Expect(nora.Composer).ToHaveValueAsync("Laporan suku tahun");

        await nora.Page.ReloadAsync();
        await Expect(nora.Composer).ToHaveValueAsync("Laporan suku tahun");
        await Back(nora);
        await Expect(nora.Conversation(osman.DefaultName).Locator(".conversation-preview")).ToHaveTextAsync("Draf: Untuk Osman sahaja");
        await nora.Page.ScreenshotAsync(new() { Path = fixture.Screenshot($"drafts-{width}x{height}") });

        // Sent: no longer a draft; the list shows the message.
        await nora.Open("Unit Kewangan");
        await nora.Composer.PressAsync("Enter");
        await Expect(nora.Composer).ToHaveValueAsync("");
        await Back(nora);
        await Expect(groupPreview).ToHaveTextAsync("Anda: Laporan suku tahun");
        // The colleague never sees a draft.
        await Expect(osman.Conversation(nora.DefaultName).Locator(".conversation-preview")).ToHaveTextAsync("Salam");

        // Signed out: this browser forgets them; signing in again finds none.
        await nora.Page.GetByRole(AriaRole.Link, new() { Name = "Peranti saya" }).ClickAsync();
        await nora.Page.GetByTestId("sign-out").ClickAsync();
        await Expect(nora.Page.GetByLabel("E-mel rasmi")).ToBeVisibleAsync();
        Assert.Equal(0, await nora.Page.EvaluateAsync<int>("() => Object.keys(localStorage).filter((k) => k.startsWith('gochat.drafts')).length"));
        await nora.SignIn();
        await Expect(nora.Conversation(osman.DefaultName).Locator(".conversation-preview")).ToHaveTextAsync("Anda: Salam");
        await nora.Open(osman.DefaultName);
        await Expect(nora.Composer).ToHaveValueAsync("");
    }

    /// <summary>To the list: on a phone the chat covers it, so the back button; on a desktop it is beside the chat already.</summary>
    private static async Task Back(Person person)
    {
        var back = person.Page.GetByTestId("chat-view").GetByRole(AriaRole.Button, new() { Name = "Kembali" });
        if (await back.IsVisibleAsync()) await back.ClickAsync();
        await Expect(person.ChatList).ToBeVisibleAsync();
    }
}
