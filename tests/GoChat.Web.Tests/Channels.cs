using System.Text.RegularExpressions;

namespace GoChat.Web.Tests;

/// <summary>The steps of official broadcast channels (issue 16), as an agency admin and a subscriber take them.</summary>
public static class Channels
{
    /// <summary>An agency admin creates a channel of their agency on the admin portal's "Saluran" tab and opens it.</summary>
    public static async Task CreateChannel(this Person admin, string name, string description, bool mandatory)
    {
        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "Portal pentadbir" }).ClickAsync();
        await admin.Page.GetByRole(AriaRole.Tab, new() { Name = "Saluran", Exact = true }).ClickAsync();
        var form = admin.Page.GetByTestId("create-channel");
        await form.GetByLabel("Nama saluran", new() { Exact = true }).FillAsync(name);
        await form.GetByLabel("Penerangan", new() { Exact = true }).FillAsync(description);
        await form.GetByLabel("Audiens", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Agensi sendiri" });
        if (mandatory) await form.GetByLabel(new Regex("^Wajib")).CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Cipta saluran" }).ClickAsync();
        await Expect(form.GetByRole(AriaRole.Status)).ToContainTextAsync($"Saluran {name} dicipta.");
        await form.GetByRole(AriaRole.Button, new() { Name = "Buka" }).ClickAsync();
        await Expect(admin.Page.GetByTestId("chat-view").Locator("h1")).ToHaveTextAsync(name);
    }

    /// <summary>An admin's broadcast from the channel's composer; it is on screen once the server has it.</summary>
    public static async Task PostBroadcast(this Person admin, string level, string tags, string text)
    {
        var composer = admin.Page.GetByTestId("broadcast-composer");
        await composer.GetByLabel("Tahap klasifikasi", new() { Exact = true }).SelectOptionAsync(level);
        await composer.GetByLabel("Tag", new() { Exact = true }).FillAsync(tags);
        await composer.GetByLabel("Teks hebahan", new() { Exact = true }).FillAsync(text);
        await composer.GetByRole(AriaRole.Button, new() { Name = "Hantar hebahan" }).ClickAsync();
        await Expect(admin.Broadcast(text)).ToBeVisibleAsync();
    }

    /// <summary>
    /// The broadcast whose text contains these words. A marked copy (TERHAD and above) holds its recipient's invisible
    /// mark (U+2060–U+2064) between them, which a plain text match would trip over.
    /// </summary>
    public static ILocator Broadcast(this Person person, string text) =>
        person.Messages.Filter(new() { Has = person.Page.GetByTestId("message-text").Filter(new() { HasTextRegex = Marked(text) }) });

    private static Regex Marked(string text) =>
        new(string.Join("[\\u2060-\\u2064]*", text.Select(ch => Regex.Escape(ch.ToString()))));

    /// <summary>The "Saluran" directory, searched for one channel.</summary>
    public static async Task<ILocator> FindChannel(this Person person, string name)
    {
        await person.Page.GetByRole(AriaRole.Link, new() { Name = "Saluran", Exact = true }).ClickAsync();
        await person.Page.GetByPlaceholder("Cari saluran").FillAsync(name);
        var row = person.Page.GetByTestId("channel-row").Filter(new() { HasText = name });
        await Expect(row).ToHaveCountAsync(1);
        return row;
    }
}
