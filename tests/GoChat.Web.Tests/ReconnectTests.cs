namespace GoChat.Web.Tests;

/// <summary>The network of one browser drops; on return it catches up with no duplicates and no gaps.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReconnectTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Messages_sent_while_offline_appear_once_on_return()
    {
        await using var staff = await fixture.SignedInStaff("ismail", "jamilah");
        var (ismail, jamilah) = staff;
        await ismail.StartChatWith(jamilah.Email, jamilah.DefaultName);
        await ismail.Send("Sebelum terputus");
        await jamilah.Open(ismail.DefaultName);
        await Expect(jamilah.Message("Sebelum terputus")).ToBeVisibleAsync();

        await jamilah.Context.SetOfflineAsync(true);
        await Expect(jamilah.Page.GetByTestId("connection-banner")).ToContainTextAsync("luar talian");
        string[] missed = ["Semasa luar talian 1", "Semasa luar talian 2", "Semasa luar talian 3"];
        foreach (var text in missed) await ismail.Send(text);
        foreach (var text in missed) await Expect(ismail.Message(text)).ToBeVisibleAsync();
        await jamilah.Send("Dihantar semasa luar talian");
        await Expect(jamilah.Page.GetByTestId("pending-message")).ToHaveCountAsync(1);
        await Expect(jamilah.Page.GetByText("Semasa luar talian 1")).ToHaveCountAsync(0);

        await jamilah.Context.SetOfflineAsync(false);

        await Expect(jamilah.Page.GetByTestId("connection-banner")).ToHaveCountAsync(0);
        foreach (var text in missed) await Expect(jamilah.Message(text)).ToHaveCountAsync(1);
        await Expect(ismail.Message("Dihantar semasa luar talian")).ToHaveCountAsync(1);
        await Expect(jamilah.Message("Dihantar semasa luar talian")).ToHaveCountAsync(1);
        await Expect(jamilah.Page.GetByTestId("pending-message")).ToHaveCountAsync(0);
        await Expect(jamilah.Messages).ToHaveCountAsync(5);
        await Expect(ismail.Messages).ToHaveCountAsync(5);
        var order = await jamilah.Page.GetByTestId("chat-view").GetByTestId("message-text").AllTextContentsAsync();
        Assert.Equal(["Sebelum terputus", .. missed, "Dihantar semasa luar talian"], order);
    }

    [Fact]
    public async Task On_a_phone_the_open_chat_shows_that_the_device_is_offline()
    {
        await using var staff = await fixture.SignedInStaff("kassim", "laila");
        var (kassim, laila) = staff;
        await laila.Page.SetViewportSizeAsync(390, 844);
        await kassim.StartChatWith(laila.Email, laila.DefaultName);
        await kassim.Send("Ada di pejabat?");
        await laila.Open(kassim.DefaultName);
        await Expect(laila.Message("Ada di pejabat?")).ToBeVisibleAsync();

        // The list (and the side pane it sits in) is hidden while a chat is open on a phone.
        await laila.Context.SetOfflineAsync(true);
        var banner = laila.Page.GetByTestId("connection-banner");
        await Expect(banner).ToContainTextAsync("luar talian");
        await Expect(banner).ToBeVisibleAsync();
        await Expect(laila.ChatList).ToBeHiddenAsync();
        await laila.Send("Dihantar tanpa talian");
        await Expect(laila.Page.GetByTestId("pending-message")).ToHaveCountAsync(1);
        await laila.Page.ScreenshotAsync(new() { Path = fixture.Screenshot("chat-offline-390x844") });
        await Layout.AssertInsideViewport(laila.Page, banner);
        await Layout.AssertInsideViewport(laila.Page, laila.Composer);

        await laila.Context.SetOfflineAsync(false);
        await Expect(banner).ToHaveCountAsync(0);
        await Expect(kassim.Message("Dihantar tanpa talian")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Hub_link_dropped_by_the_network_reconnects_by_itself_and_catches_up_once()
    {
        var (_, domain) = await fixture.CreateAgency();
        await using var rahim = await fixture.OpenBrowser(BrowserFixture.StaffEmail("rahim", domain));
        await using var siti = await fixture.OpenBrowser(BrowserFixture.StaffEmail("siti", domain));
        // Siti's hub traffic passes through a switch: while it is off, every new link is cut at once,
        // as a flaky mobile network would; the browser itself still believes it is online.
        var cut = false;
        IWebSocketRoute? link = null;
        await siti.Page.RouteWebSocketAsync(new System.Text.RegularExpressions.Regex("/hubs/chat"), ws =>
        {
            if (cut)
            {
                _ = ws.CloseAsync();
                return;
            }
            ws.ConnectToServer();
            link = ws;
        });
        await rahim.SignIn();
        await siti.SignIn();
        await rahim.StartChatWith(siti.Email, siti.DefaultName);
        await rahim.Send("Sebelum gangguan");
        await siti.Open(rahim.DefaultName);
        await Expect(siti.Message("Sebelum gangguan")).ToBeVisibleAsync();

        cut = true;
        await link!.CloseAsync();
        await Expect(siti.Page.GetByTestId("connection-banner")).ToContainTextAsync("Menyambung semula");
        string[] missed = ["Semasa gangguan 1", "Semasa gangguan 2"];
        foreach (var text in missed) await rahim.Send(text);
        foreach (var text in missed) await Expect(rahim.Message(text)).ToBeVisibleAsync();
        cut = false;

        await Expect(siti.Page.GetByTestId("connection-banner")).ToHaveCountAsync(0);
        foreach (var text in missed) await Expect(siti.Message(text)).ToHaveCountAsync(1);
        await rahim.Send("Selepas gangguan");
        await Expect(siti.Message("Selepas gangguan")).ToHaveCountAsync(1);
        Assert.Equal(["Sebelum gangguan", .. missed, "Selepas gangguan"],
            await siti.Page.GetByTestId("chat-view").GetByTestId("message-text").AllTextContentsAsync());
    }
}
