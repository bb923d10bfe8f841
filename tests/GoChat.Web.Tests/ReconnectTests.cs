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
}
