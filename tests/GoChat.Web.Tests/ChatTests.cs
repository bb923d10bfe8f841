namespace GoChat.Web.Tests;

/// <summary>One-to-one chat between two browsers: directory, live delivery both ways, ticks, reply, edit, delete.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ChatTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Two_staff_find_each_other_and_chat_with_read_ticks()
    {
        var (_, domain) = await fixture.CreateAgency("Jabatan Digital Negara");
        await using var aminah = await fixture.OpenBrowser(BrowserFixture.StaffEmail("aminah", domain));
        await using var badrul = await fixture.OpenBrowser(BrowserFixture.StaffEmail("badrul", domain));
        await aminah.SignIn();
        await badrul.SignIn();
        await aminah.SetDisplayName("Aminah Yusof");
        await badrul.SetDisplayName("Badrul Hisham");

        await aminah.StartChatWith(badrul.Email, "Badrul Hisham");
        await aminah.Send("Selamat pagi, Badrul");

        await Expect(badrul.Conversation("Aminah Yusof").GetByTestId("unread")).ToHaveTextAsync("1");
        await Expect(aminah.Ticks("Selamat pagi, Badrul")).ToHaveAttributeAsync("data-state", "delivered");
        await badrul.Open("Aminah Yusof");
        await Expect(badrul.Message("Selamat pagi, Badrul")).ToBeVisibleAsync();
        await Expect(aminah.Ticks("Selamat pagi, Badrul")).ToHaveAttributeAsync("data-state", "read");
        await Expect(badrul.Conversation("Aminah Yusof").GetByTestId("unread")).ToHaveCountAsync(0);

        await badrul.Composer.PressSequentiallyAsync("Selamat");
        await Expect(aminah.Page.GetByTestId("chat-sub")).ToHaveTextAsync("sedang menaip…");
        await badrul.Send("Selamat pagi, Aminah. Mesyuarat jam 3 petang?");
        await Expect(aminah.Message("Selamat pagi, Aminah. Mesyuarat jam 3 petang?")).ToBeVisibleAsync();
        await Expect(badrul.Ticks("Selamat pagi, Aminah. Mesyuarat jam 3 petang?")).ToHaveAttributeAsync("data-state", "read");
        await Expect(aminah.Messages).ToHaveCountAsync(2);
        await Expect(badrul.Messages).ToHaveCountAsync(2);

        await aminah.Send("Boleh, di bilik mesyuarat utama.");
        await Expect(badrul.Message("Boleh, di bilik mesyuarat utama.")).ToBeVisibleAsync();
        await ScreenshotChat(aminah);
    }

    [Fact]
    public async Task Pressing_Mesej_opens_the_chat_for_the_sender_only_until_the_first_message_is_sent()
    {
        await using var staff = await fixture.SignedInStaff("azlan", "bella");
        var (azlan, bella) = staff;
        // Bella already has one chat: once it is listed after a reload, her list has been read from the server.
        var chong = await fixture.Stack.SignInWithEmailAsync(BrowserFixture.StaffEmail("chong", bella.Email.Split('@')[1]));
        await using (var client = new ChatClient(fixture.Stack.GatewayUri, chong.AsSession()))
        {
            await client.StartAsync();
            var earlier = await client.CreateDirectAsync(await fixture.UserIdOf(bella.Email));
            await client.SendAsync(earlier.Id, "Mesej lebih awal");
        }

        await azlan.StartChatWith(bella.Email, bella.DefaultName);
        await Expect(azlan.Conversation(bella.DefaultName)).ToBeVisibleAsync();
        await bella.Page.ReloadAsync();
        await Expect(bella.Conversation("Mesej lebih awal")).ToBeVisibleAsync();
        await Expect(bella.Conversation(azlan.DefaultName)).ToHaveCountAsync(0);

        await azlan.Send("Salam, ini mesej pertama");
        await Expect(bella.Conversation(azlan.DefaultName)).ToContainTextAsync("Salam, ini mesej pertama");
        await Expect(bella.Conversation(azlan.DefaultName).GetByTestId("unread")).ToHaveTextAsync("1");
    }

    [Fact]
    public async Task Reply_edit_and_delete_reach_the_other_side()
    {
        await using var staff = await fixture.SignedInStaff("chong", "devi");
        var (chong, devi) = staff;
        await chong.StartChatWith(devi.Email, devi.DefaultName);
        await chong.Send("Laporan suku tahun siap?");
        await devi.Open(chong.DefaultName);

        await devi.Message("Laporan suku tahun siap?").HoverAsync();
        await devi.Message("Laporan suku tahun siap?").GetByRole(AriaRole.Button, new() { Name = "Balas" }).ClickAsync();
        await devi.Send("Hampir siap");
        await Expect(chong.Message("Hampir siap").Locator(".quote")).ToContainTextAsync("Laporan suku tahun siap?");

        await devi.Message("Hampir siap").HoverAsync();
        await devi.Message("Hampir siap").GetByRole(AriaRole.Button, new() { Name = "Sunting" }).ClickAsync();
        await devi.Send("Siap petang ini");
        await Expect(chong.Message("Siap petang ini")).ToContainTextAsync("disunting");

        await chong.Message("Laporan suku tahun siap?").HoverAsync();
        await chong.Message("Laporan suku tahun siap?").GetByRole(AriaRole.Button, new() { Name = "Padam" }).ClickAsync();
        await chong.Page.GetByRole(AriaRole.Button, new() { Name = "Padam untuk semua" }).ClickAsync();
        await Expect(devi.Message("Mesej ini telah dipadam")).ToBeVisibleAsync();
        await Expect(devi.Page.GetByText("Laporan suku tahun siap?", new() { Exact = true })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task History_scrolls_back_page_by_page_to_the_first_message()
    {
        // Pauline writes 120 messages over the .NET SignalR client before Omar opens GoChat at all.
        var (_, domain) = await fixture.CreateAgency();
        var omarEmail = BrowserFixture.StaffEmail("omar", domain);
        var omarId = (await fixture.Stack.SignInWithEmailAsync(omarEmail)).UserId;
        var pauline = await fixture.Stack.SignInWithEmailAsync(BrowserFixture.StaffEmail("pauline", domain));
        await using var client = new ChatClient(fixture.Stack.GatewayUri, pauline.AsSession());
        await client.StartAsync();
        await client.SyncAsync();
        var chat = await client.CreateDirectAsync(omarId);
        var texts = Enumerable.Range(1, 120).Select(i => $"Mesej {i:D3}").ToList();
        foreach (var text in texts) await client.SendAsync(chat.Id, text);
        await using var omar = await fixture.OpenBrowser(omarEmail);
        await omar.SignIn();

        await omar.Open(pauline.Account.DisplayName);
        await Expect(omar.Message("Mesej 120")).ToBeVisibleAsync();
        await Expect(omar.Messages).ToHaveCountAsync(50);
        var history = omar.Page.Locator(".messages");
        await history.EvaluateAsync("el => el.scrollTop = 0");
        await Expect(omar.Messages).ToHaveCountAsync(100);
        // The older page goes in above what the reader was looking at, which stays where it was.
        await Expect(omar.Message("Mesej 071")).ToBeInViewportAsync();
        await Expect(omar.Message("Mesej 021")).Not.ToBeInViewportAsync();
        await history.EvaluateAsync("el => el.scrollTop = 0");
        await Expect(omar.Messages).ToHaveCountAsync(120);
        await Expect(omar.Page.GetByText("Permulaan perbualan")).ToBeVisibleAsync();
        Assert.Equal(texts, await omar.Page.GetByTestId("chat-view").GetByTestId("message-text").AllTextContentsAsync());
    }

    /// <summary>The chat view on an office screen and on a phone, for a person to look at.</summary>
    private async Task ScreenshotChat(Person person)
    {
        await person.Page.ScreenshotAsync(new() { Path = fixture.Screenshot("chat-1280x800") });
        await person.Page.SetViewportSizeAsync(390, 844);
        await Expect(person.Page.GetByTestId("chat-view")).ToBeVisibleAsync();
        await person.Page.ScreenshotAsync(new() { Path = fixture.Screenshot("chat-390x844") });
        await person.Page.GetByRole(AriaRole.Button, new() { Name = "Kembali" }).ClickAsync();
        await Expect(person.ChatList).ToBeVisibleAsync();
        await person.Page.ScreenshotAsync(new() { Path = fixture.Screenshot("list-390x844") });
    }
}
