namespace GoChat.Web.Tests;

/// <summary>
/// Search across chats and inside one chat in the browser (issue 14): hits grouped by chat with the match marked; a
/// hit opens the chat at the message, loading older history back to it, in view and highlighted.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SearchTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData(1280, 800)]
    [InlineData(390, 844)]
    public async Task A_hit_opens_the_chat_at_the_old_message_in_view_and_highlighted(int width, int height)
    {
        // Pauline writes over the .NET client, the searched message first and a hundred after it, so it is older
        // than the page a chat opens with.
        var (_, domain) = await fixture.CreateAgency();
        var omarEmail = BrowserFixture.StaffEmail("omar", domain);
        var omarId = (await fixture.Stack.SignInWithEmailAsync(omarEmail)).UserId;
        var pauline = await fixture.Stack.SignInWithEmailAsync(BrowserFixture.StaffEmail("pauline", domain));
        await using var client = new ChatClient(fixture.Stack.GatewayUri, pauline.AsSession());
        await client.StartAsync();
        await client.SyncAsync();
        var chat = await client.CreateDirectAsync(omarId);
        const string old = "Perkhidmatan kaunter dibuka semula esok";
        await client.SendAsync(chat.Id, old);
        for (var i = 1; i <= 100; i++) await client.SendAsync(chat.Id, $"Mesej {i:D3}");
        await using var omar = await fixture.OpenBrowser(omarEmail, width, height);
        await omar.SignIn();

        await omar.Page.GetByRole(AriaRole.Button, new() { Name = "Cari mesej" }).ClickAsync();
        var box = omar.Page.GetByRole(AriaRole.Searchbox, new() { Name = "Cari dalam mesej" });
        await Expect(box).ToBeFocusedAsync();
        await box.FillAsync("khidmat");
        await box.PressAsync("Enter");

        var group = omar.Page.GetByTestId("search-group");
        await Expect(group).ToHaveCountAsync(1);
        await Expect(group.GetByRole(AriaRole.Heading)).ToHaveTextAsync(pauline.Account.DisplayName);
        var hit = group.GetByTestId("search-hit");
        await Expect(hit).ToHaveCountAsync(1);
        await Expect(hit.Locator("mark")).ToHaveTextAsync("Perkhidmatan");
        await Expect(hit).ToContainTextAsync(old);
        await omar.Page.ScreenshotAsync(new() { Path = fixture.Screenshot($"search-{width}x{height}") });

        await hit.FocusAsync();
        await omar.Page.Keyboard.PressAsync("Enter");
        var found = omar.Message(old);
        await Expect(found).ToHaveAttributeAsync("data-found", "true");
        await Expect(found).ToBeInViewportAsync();
        await Expect(found).ToBeFocusedAsync();
        await omar.Page.ScreenshotAsync(new() { Path = fixture.Screenshot($"search-found-{width}x{height}") });

        // Inside this one chat: only its messages, by a word of the newer ones.
        await omar.Page.GetByRole(AriaRole.Button, new() { Name = $"Cari dalam {pauline.Account.DisplayName}" }).ClickAsync();
        var inChat = omar.Page.GetByRole(AriaRole.Searchbox, new() { Name = "Cari dalam mesej" });
        await inChat.FillAsync("099");
        await inChat.PressAsync("Enter");
        await Expect(omar.Page.GetByTestId("search-hit")).ToHaveCountAsync(1);
        await Expect(omar.Page.GetByTestId("search-hit").Locator("mark")).ToHaveTextAsync("099");
        await omar.Page.GetByTestId("search-hit").ClickAsync();
        await Expect(omar.Message("Mesej 099")).ToBeInViewportAsync();
        await Expect(omar.Message("Mesej 099")).ToHaveAttributeAsync("data-found", "true");
    }

    [Fact]
    public async Task A_search_without_a_match_says_so()
    {
        var (_, domain) = await fixture.CreateAgency();
        await using var nora = await fixture.OpenBrowser(BrowserFixture.StaffEmail("nora", domain));
        await nora.SignIn();

        await nora.Page.GotoAsync("/search");
        var box = nora.Page.GetByRole(AriaRole.Searchbox, new() { Name = "Cari dalam mesej" });
        await box.FillAsync("tiadaperkataini");
        await box.PressAsync("Enter");

        await Expect(nora.Page.GetByText("Tiada mesej sepadan.")).ToBeVisibleAsync();
        await Expect(nora.Page.GetByTestId("search-group")).ToHaveCountAsync(0);
    }
}
