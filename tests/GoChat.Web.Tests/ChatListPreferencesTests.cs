namespace GoChat.Web.Tests;

/// <summary>
/// Pin, mute and archive a chat from the list (issue 14): each moves the chat at once on every device of the user,
/// a muted chat stays out of the tab title's count and its badge is quiet, and "Arkib" holds archived chats until a
/// new message brings one back, unless it is muted. One user on a desktop (1280x800) and a phone (390x844).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ChatListPreferencesTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Pinned_muted_and_archived_chats_move_on_the_desktop_and_the_phone_alike()
    {
        await using var staff = await fixture.SignedInStaff("nora", "osman", "siti");
        var (nora, osman, siti) = staff;
        await using var phone = await fixture.OpenBrowser(nora.Email, 390, 844);
        await phone.SignIn();
        await nora.StartChatWith(osman.Email, osman.DefaultName);
        await nora.Send("Salam Osman");
        await nora.StartChatWith(siti.Email, siti.DefaultName);
        await nora.Send("Salam Siti");
        // Back at the list with no chat open: what comes now is unread.
        await nora.Page.GotoAsync("/");
        var desktopRows = nora.Page.GetByTestId("conversation");
        var phoneRows = phone.Page.GetByTestId("conversation");
        await Expect(desktopRows.First).ToContainTextAsync(siti.DefaultName);
        await Expect(phoneRows.First).ToContainTextAsync(siti.DefaultName);

        // Pinned on the desktop: Osman goes to the top, on the phone too.
        await Choose(nora, osman.DefaultName, "Sematkan");
        await Expect(desktopRows.First).ToContainTextAsync(osman.DefaultName);
        await Expect(phone.Conversation(osman.DefaultName).GetByTestId("pinned-flag")).ToBeVisibleAsync();
        await Expect(phoneRows.First).ToContainTextAsync(osman.DefaultName);

        // Muted on the phone: the desktop shows it, and Siti's messages no longer count in the title.
        await Choose(phone, siti.DefaultName, "Senyapkan sentiasa");
        await Expect(nora.Conversation(siti.DefaultName).GetByTestId("muted-flag")).ToBeVisibleAsync();
        await osman.Open(nora.DefaultName);
        await osman.Send("Dokumen sudah dihantar");
        await Expect(nora.Page).ToHaveTitleAsync("(1) GoChat");
        await siti.Open(nora.DefaultName);
        await siti.Send("Mesej senyap");
        var quiet = nora.Conversation(siti.DefaultName).GetByTestId("unread");
        await Expect(quiet).ToHaveTextAsync("1");
        await Expect(quiet).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bquiet\b"));
        await Expect(nora.Page).ToHaveTitleAsync("(1) GoChat");

        // Archived on the desktop: out of the list on both, behind "Arkib (1)", and out of the count.
        await Choose(nora, osman.DefaultName, "Arkibkan");
        await Expect(nora.Conversation(osman.DefaultName)).ToHaveCountAsync(0);
        await Expect(phone.Conversation(osman.DefaultName)).ToHaveCountAsync(0);
        await Expect(nora.Page.GetByTestId("archive-entry")).ToHaveTextAsync("Arkib (1)");
        await Expect(nora.Page).ToHaveTitleAsync("GoChat");
        await phone.Page.GetByTestId("archive-entry").ClickAsync();
        await Expect(phone.Page.GetByRole(AriaRole.Heading, new() { Name = "Arkib" })).ToBeVisibleAsync();
        await Expect(phone.Conversation(osman.DefaultName)).ToBeVisibleAsync();
        await Layout.AssertInsideViewport(phone.Page, phone.Page.GetByTestId("chat-actions-button"));
        await phone.Page.ScreenshotAsync(new() { Path = fixture.Screenshot("chat-list-archive-390x844") });
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Kembali ke perbualan" }).ClickAsync();

        // A new message brings an archived chat back, on both devices.
        await osman.Send("Satu lagi");
        await Expect(nora.Conversation(osman.DefaultName)).ToBeVisibleAsync();
        await Expect(phone.Conversation(osman.DefaultName)).ToBeVisibleAsync();
        await Expect(nora.Page.GetByTestId("archive-entry")).ToHaveCountAsync(0);

        // Unless it is muted: Siti stays in the archive with her new message.
        await Choose(phone, siti.DefaultName, "Arkibkan");
        await Expect(nora.Conversation(siti.DefaultName)).ToHaveCountAsync(0);
        await siti.Send("Masih senyap");
        await nora.Page.GetByTestId("archive-entry").ClickAsync();
        await Expect(nora.Conversation(siti.DefaultName).GetByTestId("unread")).ToHaveTextAsync("2");
        await nora.Page.ScreenshotAsync(new() { Path = fixture.Screenshot("chat-list-archive-1280x800") });
        await nora.Page.GotoAsync("/");
        await Expect(nora.Conversation(osman.DefaultName)).ToBeVisibleAsync();
        await Expect(nora.Conversation(siti.DefaultName)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_options_open_and_close_from_the_keyboard_and_focus_returns_to_their_button()
    {
        await using var staff = await fixture.SignedInStaff("nora", "osman");
        var (nora, osman) = staff;
        await nora.StartChatWith(osman.Email, osman.DefaultName);
        await nora.Send("Salam");
        var trigger = Row(nora, osman.DefaultName).GetByRole(AriaRole.Button, new() { Name = $"Pilihan untuk {osman.DefaultName}" });

        await trigger.FocusAsync();
        await nora.Page.Keyboard.PressAsync("Enter");
        await Expect(trigger).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(Row(nora, osman.DefaultName).GetByRole(AriaRole.Button, new() { Name = "Sematkan" })).ToBeFocusedAsync();
        await nora.Page.Keyboard.PressAsync("Escape");
        await Expect(Row(nora, osman.DefaultName).GetByTestId("chat-actions")).ToHaveCountAsync(0);
        await Expect(trigger).ToBeFocusedAsync();

        // A choice made with the keyboard closes the options too, and the row says what it did.
        await nora.Page.Keyboard.PressAsync("Enter");
        await Row(nora, osman.DefaultName).GetByRole(AriaRole.Button, new() { Name = "Senyapkan 8 jam" }).PressAsync("Enter");
        await Expect(nora.Conversation(osman.DefaultName).GetByTestId("muted-flag")).ToBeVisibleAsync();
        await Expect(trigger).ToBeFocusedAsync();
        await Expect(nora.Conversation(osman.DefaultName)).ToContainTextAsync("disenyapkan");
    }

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(390, 844)]
    public async Task The_open_chat_is_muted_and_archived_from_its_header(int width, int height)
    {
        await using var staff = await fixture.SignedInStaff("nora", "osman");
        var (nora, osman) = staff;
        await using var phone = await fixture.OpenBrowser(nora.Email, width, height);
        await phone.SignIn();
        await osman.StartChatWith(nora.Email, nora.DefaultName);
        await osman.Send("Salam Nora");
        await phone.Open(osman.DefaultName);
        var header = phone.Page.Locator(".chat-header");
        var trigger = header.GetByRole(AriaRole.Button, new() { Name = $"Pilihan untuk {osman.DefaultName}" });
        await Layout.AssertInsideViewport(phone.Page, header.GetByRole(AriaRole.Button));

        await trigger.ClickAsync();
        await Expect(trigger).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(phone.Page.GetByTestId("chat-view").GetByRole(AriaRole.Button, new() { Name = "Sematkan" })).ToBeFocusedAsync();
        await phone.Page.GetByTestId("chat-view").GetByRole(AriaRole.Button, new() { Name = "Senyapkan 1 minggu" }).ClickAsync();
        await Expect(header.GetByTestId("header-muted")).ToBeVisibleAsync();
        await Expect(trigger).ToBeFocusedAsync();
        // The same user's other browser sees it in the list, as a change made from a list row would be.
        await Expect(nora.Conversation(osman.DefaultName).GetByTestId("muted-flag")).ToBeVisibleAsync();

        await trigger.ClickAsync();
        await phone.Page.GetByTestId("chat-view").GetByRole(AriaRole.Button, new() { Name = "Arkibkan" }).ClickAsync();
        await Expect(nora.Conversation(osman.DefaultName)).ToHaveCountAsync(0);
        await Expect(nora.Page.GetByTestId("archive-entry")).ToHaveTextAsync("Arkib (1)");
        // Still open where it was archived; the options now undo both.
        await Expect(phone.Page.GetByTestId("chat-view").Locator("h1")).ToHaveTextAsync(osman.DefaultName);
        await trigger.ClickAsync();
        await Expect(phone.Page.GetByTestId("chat-view").GetByRole(AriaRole.Button, new() { Name = "Keluarkan dari arkib" })).ToBeVisibleAsync();
        await phone.Page.GetByTestId("chat-view").GetByRole(AriaRole.Button, new() { Name = "Nyahsenyap" }).ClickAsync();
        await Expect(header.GetByTestId("header-muted")).ToHaveCountAsync(0);
    }

    private static ILocator Row(Person person, string name) => person.Page.Locator(".conversation-item").Filter(new() { HasText = name });

    /// <summary>Opens the row's options and picks one; the options close when it is done.</summary>
    private static async Task Choose(Person person, string name, string option)
    {
        var row = Row(person, name);
        await row.GetByTestId("chat-actions-button").ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = option, Exact = true }).ClickAsync();
        await Expect(row.GetByTestId("chat-actions")).ToHaveCountAsync(0);
    }
}
