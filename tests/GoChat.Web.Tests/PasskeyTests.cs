namespace GoChat.Web.Tests;

/// <summary>
/// Passkeys in the browser with Chromium's virtual authenticator: added on the Kunci laluan page after a code
/// sign-in, used instead of the code, revoked, and a copy of the credential on a second authenticator refused.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PasskeyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Staff_member_adds_a_passkey_signs_in_with_it_instead_of_a_code_and_revokes_it()
    {
        var (_, domain) = await fixture.CreateAgency();
        await using var aminah = await fixture.OpenBrowser(BrowserFixture.StaffEmail("aminah", domain), localhost: true);
        var authenticator = await VirtualAuthenticator.Add(aminah.Page);
        await aminah.SignIn();

        await AddPasskey(aminah, "Komputer pejabat");
        Assert.Single(await authenticator.Credentials());
        await SignOut(aminah);
        var mails = fixture.Stack.MailsTo(aminah.Email).Count;
        await aminah.Page.GetByRole(AriaRole.Button, new() { Name = "Log masuk dengan kunci laluan" }).ClickAsync();
        await Expect(aminah.ChatList).ToBeVisibleAsync();
        Assert.Equal(mails, fixture.Stack.MailsTo(aminah.Email).Count);

        await aminah.Page.GetByRole(AriaRole.Link, new() { Name = "Kunci laluan" }).ClickAsync();
        await Expect(aminah.Page.GetByTestId("passkey")).ToContainTextAsync("kali terakhir digunakan");
        await aminah.Page.GetByRole(AriaRole.Button, new() { Name = "Batalkan kunci laluan Komputer pejabat" }).ClickAsync();
        await Expect(aminah.Page.GetByText("Kunci laluan dibatalkan.")).ToBeVisibleAsync();
        await Expect(aminah.Page.GetByTestId("passkey")).ToHaveCountAsync(0);
        await SignOut(aminah);
        // The device still holds the key; GoChat no longer accepts it.
        await aminah.Page.GetByRole(AriaRole.Button, new() { Name = "Log masuk dengan kunci laluan" }).ClickAsync();
        await Expect(aminah.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Kunci laluan tidak diterima. Cuba lagi atau log masuk dengan kod e-mel.");
        await Expect(aminah.Page.GetByLabel("E-mel rasmi")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Copy_of_a_passkey_whose_counter_fell_behind_is_refused()
    {
        var (_, domain) = await fixture.CreateAgency();
        await using var badrul = await fixture.OpenBrowser(BrowserFixture.StaffEmail("badrul", domain), localhost: true);
        var original = await VirtualAuthenticator.Add(badrul.Page);
        await badrul.SignIn();
        await AddPasskey(badrul, "Telefon");
        var copied = Assert.Single(await original.Credentials());
        var copiedCount = copied.GetProperty("signCount").GetInt64();

        // The original is used once after the copy was taken: GoChat's stored counter moves past the copy's.
        await SignOut(badrul);
        await badrul.Page.GetByRole(AriaRole.Button, new() { Name = "Log masuk dengan kunci laluan" }).ClickAsync();
        await Expect(badrul.ChatList).ToBeVisibleAsync();
        Assert.True((await original.Credentials())[0].GetProperty("signCount").GetInt64() > copiedCount);
        await SignOut(badrul);
        // Chromium allows one internal authenticator at a time: the copy goes onto a fresh one in its place.
        await original.Remove();
        var clone = await original.AddAnother();
        await clone.AddCredential(copied, copiedCount);

        await badrul.Page.GetByRole(AriaRole.Button, new() { Name = "Log masuk dengan kunci laluan" }).ClickAsync();

        await Expect(badrul.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("mungkin telah disalin");
        await Expect(badrul.Page.GetByLabel("E-mel rasmi")).ToBeVisibleAsync();
        await badrul.Page.ScreenshotAsync(new() { Path = fixture.Screenshot("passkey-clone-refused") });
    }

    [Fact]
    public async Task Admin_of_an_agency_requiring_passkeys_is_told_to_sign_in_with_one()
    {
        var (agency, domain) = await fixture.CreateAgency();
        await using var admin = await fixture.AgencyAdmin(domain, localhost: true);
        await VirtualAuthenticator.Add(admin.Page);
        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "Portal pentadbir" }).ClickAsync();
        await admin.Page.GetByRole(AriaRole.Tab, new() { Name = "Keselamatan" }).ClickAsync();
        await admin.Page.GetByTestId("require-passkey").CheckAsync();
        await Expect(admin.Page.GetByTestId("require-passkey")).ToBeCheckedAsync();

        await admin.Page.ReloadAsync();
        await Expect(admin.Page.GetByTestId("passkey-required")).ToContainTextAsync("Portal pentadbir memerlukan log masuk dengan kunci laluan");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Urus kunci laluan" }).ClickAsync();
        await AddPasskey(admin, "Komputer pentadbir", navigate: false);
        await SignOut(admin);
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Log masuk dengan kunci laluan" }).ClickAsync();
        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "Portal pentadbir" }).ClickAsync();

        await admin.Page.GetByRole(AriaRole.Tab, new() { Name = "Keselamatan" }).ClickAsync();
        await Expect(admin.Page.GetByTestId("require-passkey")).ToBeCheckedAsync();
        await Expect(admin.Page.GetByTestId("passkey-required")).ToHaveCountAsync(0);
        Assert.NotEqual(Guid.Empty, agency.Id);
    }

    private static async Task AddPasskey(Person person, string name, bool navigate = true)
    {
        if (navigate) await person.Page.GetByRole(AriaRole.Link, new() { Name = "Kunci laluan" }).ClickAsync();
        await person.Page.GetByLabel("Nama kunci laluan").FillAsync(name);
        await person.Page.GetByRole(AriaRole.Button, new() { Name = "Tambah kunci laluan" }).ClickAsync();
        await Expect(person.Page.GetByText("Kunci laluan ditambah.")).ToBeVisibleAsync();
        await Expect(person.Page.GetByTestId("passkey").Filter(new() { HasText = name })).ToHaveCountAsync(1);
    }

    private static async Task SignOut(Person person)
    {
        await person.Page.GetByRole(AriaRole.Link, new() { Name = "Peranti saya" }).ClickAsync();
        await person.Page.GetByTestId("sign-out").ClickAsync();
        await Expect(person.Page.GetByLabel("E-mel rasmi")).ToBeVisibleAsync();
    }
}
