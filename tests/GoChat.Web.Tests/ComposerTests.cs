using System.Text.RegularExpressions;

namespace GoChat.Web.Tests;

/// <summary>The composer and the server's message length limit: shown before sending, never a retry that cannot work.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ComposerTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Composer_counts_near_the_length_limit_and_does_not_send_over_it()
    {
        await using var staff = await fixture.SignedInStaff("qadir", "rosli");
        var (qadir, rosli) = staff;
        await qadir.StartChatWith(rosli.Email, rosli.DefaultName);
        var max = Limits.MaxTextLength;
        var send = qadir.Page.GetByRole(AriaRole.Button, new() { Name = "Hantar", Exact = true });
        var note = qadir.Page.GetByTestId("length-note");

        await qadir.Composer.FillAsync("Ringkas sahaja");
        await Expect(send).ToBeEnabledAsync();
        await Expect(note).ToHaveCountAsync(0);
        await qadir.Composer.FillAsync(new string('a', max - 6));
        await Expect(note.GetByTestId("length-counter")).ToHaveTextAsync($"{max - 6} / {max}");
        await Expect(send).ToBeEnabledAsync();

        await qadir.Composer.FillAsync(new string('a', max + 5));
        await Expect(note.GetByTestId("length-counter")).ToHaveTextAsync($"{max + 5} / {max}");
        await Expect(note.GetByRole(AriaRole.Alert)).ToHaveTextAsync($"Terlalu panjang: 5 aksara melebihi had {max}. Pendekkan untuk menghantar.");
        await Expect(send).ToBeDisabledAsync();
        await qadir.Composer.PressAsync("Enter");
        await Expect(qadir.Composer).ToHaveValueAsync(new string('a', max + 5));

        // Sent after it, a short message arrives alone: the long one never left (nor waits refused on screen).
        await qadir.Send("Versi pendek");
        await Expect(rosli.Conversation(qadir.DefaultName)).ToContainTextAsync("Versi pendek");
        await Expect(qadir.Message("Versi pendek")).ToBeVisibleAsync();
        await Expect(qadir.Page.GetByTestId("pending-message")).ToHaveCountAsync(0);
        await Expect(qadir.Messages).ToHaveCountAsync(1);
        await Expect(note).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_message_refused_as_too_long_says_why_offers_no_retry_and_can_be_discarded()
    {
        await using var staff = await fixture.SignedInStaff("sofia", "tan");
        var (sofia, tan) = staff;
        await sofia.StartChatWith(tan.Email, tan.DefaultName);
        // A client told a larger limit than the server keeps (say, by a newer gateway during an upgrade) sends the text.
        var max = Limits.MaxTextLength;
        await sofia.Page.RouteWebSocketAsync(new Regex("/hubs/chat"), ws =>
        {
            var server = ws.ConnectToServer();
            server.OnMessage(frame =>
            {
                if (frame.Text is { } text) ws.Send(text.Replace($"\"maxTextLength\":{max}", "\"maxTextLength\":100000"));
                else ws.Send(frame.Binary!);
            });
        });
        await sofia.Page.ReloadAsync();
        await Expect(sofia.Page.GetByTestId("chat-view")).ToBeVisibleAsync();
        // The page starts from the limit it stored last time; the larger one arrives with its Sync, which may come later.
        await sofia.Page.WaitForFunctionAsync("() => localStorage.getItem('gochat.maxTextLength') === '100000'");

        await sofia.Send(new string('b', max + 1));
        var refused = sofia.Page.GetByTestId("send-error");
        // The server's limit, from its answer: not the larger one this client was told.
        await Expect(refused).ToContainTextAsync($"Teks terlalu panjang (maksimum {max} aksara)");
        await Expect(refused.GetByRole(AriaRole.Button, new() { Name = "Buang" })).ToBeVisibleAsync();
        await Expect(refused.GetByRole(AriaRole.Button, new() { Name = "Cuba lagi" })).ToHaveCountAsync(0);

        // Discarded, it is gone, and the next message goes as usual.
        await refused.GetByRole(AriaRole.Button, new() { Name = "Buang" }).ClickAsync();
        await Expect(sofia.Page.GetByTestId("pending-message")).ToHaveCountAsync(0);
        await sofia.Send("Mesej biasa");
        await Expect(sofia.Message("Mesej biasa")).ToBeVisibleAsync();
        await Expect(tan.Conversation(sofia.DefaultName)).ToContainTextAsync("Mesej biasa");
    }
}
