using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;

namespace GoChat.Web.Tests;

/// <summary>
/// Issue 14 in two real browsers: reactions seen live, forwarded copies marked, stars, links, mentions, jumping to a
/// quote or to the newest message, and where unread messages begin.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MessageFeatureTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_reaction_reaches_the_other_person_live_and_a_click_on_the_chip_takes_it_off()
    {
        await using var staff = await fixture.SignedInStaff("ezani", "farah");
        var (ezani, farah) = staff;
        await ezani.StartChatWith(farah.Email, farah.DefaultName);
        await ezani.Send("Mesyuarat ditangguhkan");
        await farah.Open(ezani.DefaultName);

        var message = farah.Message("Mesyuarat ditangguhkan");
        await message.HoverAsync();
        await message.GetByRole(AriaRole.Button, new() { Name = "Beri reaksi" }).ClickAsync();
        // The menu takes focus, so the keyboard reaches the emoji too.
        await Expect(farah.Page.GetByRole(AriaRole.Button, new() { Name = "Reaksi 👍" })).ToBeFocusedAsync();
        await farah.Page.Keyboard.PressAsync("Enter");
        await Expect(message.GetByTestId("reaction-chip")).ToHaveAttributeAsync("aria-pressed", "true");

        var seen = ezani.Message("Mesyuarat ditangguhkan").GetByTestId("reaction-chip");
        await Expect(seen).ToHaveAttributeAsync("data-emoji", "👍");
        await Expect(seen).ToContainTextAsync("1");
        await Expect(seen).ToHaveAttributeAsync("aria-pressed", "false");
        var mine = message.GetByTestId("reaction-chip");
        await Expect(mine).ToHaveAttributeAsync("aria-pressed", "true");

        await mine.ClickAsync();
        await Expect(ezani.Message("Mesyuarat ditangguhkan").GetByTestId("reaction-chip")).ToHaveCountAsync(0);
        await Expect(mine).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_forwarded_copy_is_marked_Dimajukan_for_whoever_receives_it()
    {
        await using var staff = await fixture.SignedInStaff("gopal", "hani", "intan");
        var (gopal, hani, intan) = staff;
        await gopal.StartChatWith(intan.Email, intan.DefaultName);
        await gopal.Send("Salam Intan");
        await gopal.StartChatWith(hani.Email, hani.DefaultName);
        await gopal.Send("Pekeliling bil. 3");

        await gopal.Message("Pekeliling bil. 3").HoverAsync();
        await gopal.Message("Pekeliling bil. 3").GetByRole(AriaRole.Button, new() { Name = "Majukan" }).ClickAsync();
        var dialog = gopal.Page.GetByTestId("forward-dialog");
        await dialog.GetByRole(AriaRole.Checkbox, new() { Name = intan.DefaultName }).CheckAsync();
        await dialog.GetByTestId("forward-send").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        await intan.Open(gopal.DefaultName);
        await Expect(intan.Message("Pekeliling bil. 3").GetByTestId("forwarded")).ToHaveTextAsync("Dimajukan");
        await Expect(intan.Message("Salam Intan").GetByTestId("forwarded")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_link_in_a_message_is_a_real_anchor_that_opens_apart_from_GoChat()
    {
        await using var staff = await fixture.SignedInStaff("jamal", "kiran");
        var (jamal, kiran) = staff;
        await jamal.StartChatWith(kiran.Email, kiran.DefaultName);
        await jamal.Send("Borang di https://www.malaysia.gov.my/borang <b>segera</b>");
        await kiran.Open(jamal.DefaultName);

        var link = kiran.Messages.GetByRole(AriaRole.Link, new() { Name = "https://www.malaysia.gov.my/borang" });
        await Expect(link).ToHaveAttributeAsync("href", "https://www.malaysia.gov.my/borang");
        await Expect(link).ToHaveAttributeAsync("target", "_blank");
        await Expect(link).ToHaveAttributeAsync("rel", "noopener noreferrer");
        // The rest stays text: what looks like markup is shown, never parsed.
        await Expect(kiran.Messages.GetByTestId("message-text")).ToContainTextAsync("<b>segera</b>");
        await Expect(kiran.Messages.Locator("b")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_starred_message_is_listed_in_Mesej_berbintang_and_opens_in_its_chat()
    {
        await using var staff = await fixture.SignedInStaff("lina", "musa");
        var (lina, musa) = staff;
        await lina.StartChatWith(musa.Email, musa.DefaultName);
        await lina.Send("Nombor rujukan: JDN-2026-114");
        await lina.Send("Terima kasih");

        await lina.Message("Nombor rujukan: JDN-2026-114").HoverAsync();
        await lina.Message("Nombor rujukan: JDN-2026-114").GetByRole(AriaRole.Button, new() { Name = "Bintangkan" }).ClickAsync();
        await Expect(lina.Message("Nombor rujukan: JDN-2026-114").GetByTestId("star-mark")).ToBeVisibleAsync();

        await lina.Page.GetByRole(AriaRole.Link, new() { Name = "Mesej berbintang" }).ClickAsync();
        var item = lina.Page.GetByTestId("starred-item");
        await Expect(item).ToHaveCountAsync(1);
        await Expect(item).ToContainTextAsync("Nombor rujukan: JDN-2026-114");
        await item.ClickAsync();
        await Expect(lina.Message("Nombor rujukan: JDN-2026-114")).ToBeFocusedAsync();

        // Mine alone: Musa's list is empty.
        await musa.Page.GetByRole(AriaRole.Link, new() { Name = "Mesej berbintang" }).ClickAsync();
        await Expect(musa.Page.GetByText("Tiada mesej berbintang.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_mention_is_picked_by_keyboard_and_highlighted_for_the_member_mentioned()
    {
        await using var staff = await fixture.SignedInStaff("nadia", "omar", "puteri");
        var (nadia, omar, puteri) = staff;
        await nadia.CreateGroup("Unit Perolehan", omar, puteri);

        await nadia.Composer.PressSequentiallyAsync("@pute");
        var picker = nadia.Page.GetByTestId("mention-picker");
        await Expect(picker.GetByRole(AriaRole.Option)).ToHaveTextAsync([puteri.DefaultName]);
        await nadia.Composer.PressAsync("Enter");
        await Expect(picker).ToHaveCountAsync(0);
        await nadia.Composer.PressSequentiallyAsync("sila semak");
        await nadia.Composer.PressAsync("Enter");

        var text = $"@{puteri.DefaultName} sila semak";
        await puteri.Open("Unit Perolehan");
        await Expect(puteri.Message(text)).ToHaveClassAsync(new Regex("mentions-me"));
        await Expect(puteri.Message(text).GetByTestId("mention")).ToHaveTextAsync($"@{puteri.DefaultName}");
        await omar.Open("Unit Perolehan");
        await Expect(omar.Message(text).GetByTestId("mention")).ToBeVisibleAsync();
        await Expect(omar.Message(text)).Not.ToHaveClassAsync(new Regex("mentions-me"));
    }

    [Fact]
    public async Task Clicking_a_quote_brings_the_quoted_message_into_view()
    {
        var (omar, client, chat) = await ChatWithHistory("quote", 45);
        await using var _ = omar;
        await using var __ = client;
        var first = (await client.Connection.InvokeAsync<IReadOnlyList<ChatMessage>>("GetHistory", chat.ToString(), long.MaxValue, 100))
            .Single(m => m.Text == "Mesej 001");
        await client.SendAsync(chat, "Rujuk yang ini", replyTo: first.Seq);

        await omar.Open(omar.PeerName);
        await Expect(omar.Person.Message("Rujuk yang ini")).ToBeVisibleAsync();
        await Expect(omar.Person.Message("Mesej 001")).Not.ToBeInViewportAsync();
        await omar.Person.Message("Rujuk yang ini").GetByTestId("quote").ClickAsync();
        await Expect(omar.Person.Message("Mesej 001")).ToBeInViewportAsync();
        await Expect(omar.Person.Message("Mesej 001")).ToBeFocusedAsync();
    }

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(390, 844)]
    public async Task Unread_messages_begin_at_a_divider_and_scrolled_up_a_button_counts_what_is_new(int width, int height)
    {
        var (omar, client, chat) = await ChatWithHistory($"unread{width}", 30, width, height);
        await using var _ = omar;
        await using var __ = client;

        await omar.Open(omar.PeerName);
        await Expect(omar.Person.Page.GetByTestId("unread-divider")).ToHaveTextAsync("30 mesej belum dibaca");
        var history = omar.Person.Page.Locator(".messages");
        await history.EvaluateAsync("el => el.scrollTop = 0");
        var jump = omar.Person.Page.GetByTestId("jump-newest");
        await Expect(jump).ToBeVisibleAsync();
        await Layout.AssertInsideViewport(omar.Person.Page, jump);

        await client.SendAsync(chat, "Mesej terbaharu");
        await Expect(jump.GetByTestId("jump-newest-count")).ToHaveTextAsync("1");
        await Expect(omar.Person.Message("Mesej terbaharu")).Not.ToBeInViewportAsync();
        await jump.ClickAsync();
        await Expect(omar.Person.Message("Mesej terbaharu")).ToBeInViewportAsync();
        await Expect(jump).ToHaveCountAsync(0);
    }

    private sealed record Reader(Person Person, string PeerName) : IAsyncDisposable
    {
        public Task Open(string name) => Person.Open(name);

        public ValueTask DisposeAsync() => Person.DisposeAsync();
    }

    /// <summary>A writer on the .NET SignalR client sends numbered messages before the reader opens GoChat at all.</summary>
    private async Task<(Reader Reader, ChatClient Writer, Guid Chat)> ChatWithHistory(string tag, int count, int width = 1280, int height = 800)
    {
        var (_, domain) = await fixture.CreateAgency();
        var readerEmail = BrowserFixture.StaffEmail($"r{tag}", domain);
        var readerId = (await fixture.Stack.SignInWithEmailAsync(readerEmail)).UserId;
        var writer = await fixture.Stack.SignInWithEmailAsync(BrowserFixture.StaffEmail($"w{tag}", domain));
        var client = new ChatClient(fixture.Stack.GatewayUri, writer.AsSession());
        await client.StartAsync();
        await client.SyncAsync();
        var chat = await client.CreateDirectAsync(readerId);
        for (var i = 1; i <= count; i++) await client.SendAsync(chat.Id, $"Mesej {i:D3}");
        var person = await fixture.OpenBrowser(readerEmail, width, height);
        await person.SignIn();
        return (new Reader(person, writer.Account.DisplayName), client, chat.Id);
    }
}
