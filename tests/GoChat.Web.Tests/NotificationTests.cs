namespace GoChat.Web.Tests;

/// <summary>
/// Unread in the tab title, and desktop notifications while the tab is hidden: asked for by a click in Settings, never
/// on load; who wrote and what only when the preview setting allows it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NotificationTests(BrowserFixture fixture)
{
    /// <summary>
    /// Records every notification and permission request instead of showing one, and lets the test hide the tab
    /// (headless Chromium is always "visible").
    /// </summary>
    private const string Recorder = """
        (() => {
          window.__notes = [];
          window.__asked = 0;
          const Real = window.Notification;
          function Recording(title, options) { window.__notes.push({ title, body: (options && options.body) || "" }); }
          Object.defineProperty(Recording, "permission", { get: () => Real.permission });
          Recording.requestPermission = (...args) => { window.__asked++; return Real.requestPermission(...args); };
          window.Notification = Recording;
          window.__hidden = false;
          Object.defineProperty(Document.prototype, "visibilityState", { get: () => (window.__hidden ? "hidden" : "visible"), configurable: true });
          Object.defineProperty(Document.prototype, "hidden", { get: () => window.__hidden, configurable: true });
          window.__setHidden = (hidden) => { window.__hidden = hidden; document.dispatchEvent(new Event("visibilitychange")); };
        })();
        """;

    [Fact]
    public async Task Unread_shows_in_the_title_and_a_hidden_tab_notifies_with_the_preview_only_when_allowed()
    {
        await using var staff = await fixture.SignedInStaff("nora", "osman");
        var (nora, osman) = staff;
        await osman.Context.GrantPermissionsAsync(["notifications"]);
        foreach (var person in new[] { nora, osman })
        {
            await person.Context.AddInitScriptAsync(Recorder);
            await person.Page.ReloadAsync();
            await Expect(person.ChatList).ToBeVisibleAsync();
        }
        await nora.StartChatWith(osman.Email, osman.DefaultName);
        await nora.Send("Halo pertama");
        await Expect(osman.Conversation(nora.DefaultName).GetByTestId("unread")).ToHaveTextAsync("1");
        await Expect(osman.Page).ToHaveTitleAsync("(1) GoChat");
        // Visible tab: the list shows it, no notification.
        Assert.Equal(0, await osman.Page.EvaluateAsync<int>("() => window.__notes.length"));

        await osman.Page.EvaluateAsync("() => window.__setHidden(true)");
        await nora.Send("Mesyuarat jam 3");
        await Expect(osman.Page).ToHaveTitleAsync("(2) GoChat");
        await osman.Page.WaitForFunctionAsync("() => window.__notes.length === 1");
        Assert.Equal(nora.DefaultName, await osman.Page.EvaluateAsync<string>("() => window.__notes[0].title"));
        Assert.Equal("Mesyuarat jam 3", await osman.Page.EvaluateAsync<string>("() => window.__notes[0].body"));

        // Preview off: a notification still comes, saying neither who nor what.
        await osman.Page.EvaluateAsync("() => window.__setHidden(false)");
        await osman.Page.GetByRole(AriaRole.Link, new() { Name = "Tetapan" }).ClickAsync();
        await Expect(osman.Page.GetByTestId("desktop-notifications")).ToContainTextAsync("dibenarkan");
        await osman.Page.RunAndWaitForResponseAsync(
            () => osman.Page.GetByLabel("Pratonton mesej").UncheckAsync(), r => r.Url.EndsWith("/api/me/settings") && r.Ok);
        await osman.Page.EvaluateAsync("() => window.__setHidden(true)");
        await nora.Send("Gaji naik bulan depan");
        await Expect(osman.Page).ToHaveTitleAsync("(3) GoChat");
        await osman.Page.WaitForFunctionAsync("() => window.__notes.length === 2");
        Assert.Equal("GoChat", await osman.Page.EvaluateAsync<string>("() => window.__notes[1].title"));
        Assert.Equal("Mesej baharu", await osman.Page.EvaluateAsync<string>("() => window.__notes[1].body"));

        // Read: the count leaves the title.
        await osman.Page.EvaluateAsync("() => window.__setHidden(false)");
        await osman.Open(nora.DefaultName);
        await Expect(osman.Page).ToHaveTitleAsync("GoChat");

        // Nora never granted it: nothing asked on load; the question comes from her click in Settings.
        Assert.Equal(0, await nora.Page.EvaluateAsync<int>("() => window.__asked"));
        await nora.Page.GetByRole(AriaRole.Link, new() { Name = "Tetapan" }).ClickAsync();
        await nora.Page.GetByRole(AriaRole.Button, new() { Name = "Benarkan pemberitahuan desktop" }).ClickAsync();
        await nora.Page.WaitForFunctionAsync("() => window.__asked === 1");
    }
}
