namespace GoChat.Web.Tests;

/// <summary>Someone using the web client in their own browser context; the steps read like what they do.</summary>
public sealed class Person(BrowserFixture fixture, string email, IBrowserContext context, IPage page) : IAsyncDisposable
{
    public string Email { get; } = email;
    public IBrowserContext Context { get; } = context;

    /// <summary>The name GoChat gives a new account: the address before the @.</summary>
    public string DefaultName => Email.Split('@')[0];
    public IPage Page { get; } = page;

    /// <summary>Registers or signs in with the code from the mail the silo really sent.</summary>
    public async Task SignIn(string? expectChatList = "ms")
    {
        await RequestAndEnterCode();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sahkan" }).ClickAsync();
        if (expectChatList is not null) await Expect(ChatList).ToBeVisibleAsync();
    }

    /// <summary>Email and code entered, not yet confirmed: for flows that need more (an external picks an agency).</summary>
    public async Task RequestAndEnterCode()
    {
        await Page.GotoAsync("/");
        var before = fixture.Stack.MailsTo(Email).Count;
        await Page.GetByLabel("E-mel rasmi").FillAsync(Email);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Hantar kod" }).ClickAsync();
        var mail = await fixture.Stack.WaitForNthMail(Email, before + 1);
        await Page.GetByLabel("Kod pengesahan").FillAsync(SmtpSink.ExtractCode(mail));
    }

    /// <summary>Sets the name others see, on the profile screen.</summary>
    public async Task SetDisplayName(string name)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Profil saya" }).ClickAsync();
        await Page.GetByLabel("Nama paparan").FillAsync(name);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Simpan" }).ClickAsync();
        await Expect(Page.GetByText("Profil disimpan.")).ToBeVisibleAsync();
    }

    public ILocator Ticks(string text) => Message(text).GetByTestId("ticks");

    public ILocator ChatList => Page.Locator(".conversation-list");

    public ILocator Conversation(string name) => Page.GetByTestId("conversation").Filter(new() { HasText = name });

    public ILocator Messages => Page.GetByTestId("chat-view").GetByTestId("message");

    public ILocator Message(string text) => Messages.Filter(new() { Has = Page.GetByTestId("message-text").GetByText(text, new() { Exact = true }) });

    public ILocator Composer => Page.GetByTestId("composer");

    /// <summary>Finds a colleague in the directory and opens the one-to-one chat with them.</summary>
    public async Task StartChatWith(string search, string displayName)
    {
        await Page.GetByRole(AriaRole.Link, new() { Name = "Direktori kenalan" }).ClickAsync();
        await Page.GetByPlaceholder("Cari nama, e-mel, agensi, bahagian atau jawatan").FillAsync(search);
        var row = Page.GetByTestId("person").Filter(new() { HasText = displayName });
        await row.GetByRole(AriaRole.Button, new() { Name = "Mesej" }).ClickAsync();
        await Expect(Page.GetByTestId("chat-view")).ToBeVisibleAsync();
    }

    /// <summary>Creates a group on the new-group screen, choosing members from the directory.</summary>
    public async Task CreateGroup(string name, params Person[] members)
    {
        await Page.GetByRole(AriaRole.Link, new() { Name = "Kumpulan baharu" }).ClickAsync();
        await Page.GetByLabel("Nama kumpulan").FillAsync(name);
        foreach (var member in members)
        {
            await Page.GetByPlaceholder("Cari nama, e-mel, agensi, bahagian atau jawatan").FillAsync(member.Email);
            await Page.GetByRole(AriaRole.Button, new() { Name = $"Tambah {member.DefaultName}" }).ClickAsync();
        }
        await Page.GetByRole(AriaRole.Button, new() { Name = "Cipta kumpulan" }).ClickAsync();
        await Expect(Page.GetByTestId("chat-view").Locator("h1")).ToHaveTextAsync(name);
    }

    public async Task Open(string conversationName)
    {
        await Conversation(conversationName).ClickAsync();
        await Expect(Page.GetByTestId("chat-view").Locator("h1")).ToHaveTextAsync(conversationName);
    }

    public async Task Send(string text)
    {
        await Composer.FillAsync(text);
        await Composer.PressAsync("Enter");
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
