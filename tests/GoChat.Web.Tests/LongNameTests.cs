using Microsoft.Extensions.DependencyInjection;

namespace GoChat.Web.Tests;

/// <summary>Names as long as an account may have: cut with an ellipsis (whole in the title), the buttons beside them stay in view.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LongNameTests(BrowserFixture fixture)
{
    /// <summary>99 characters with no space to break at: the most a name can do to a row.</summary>
    private static readonly string LongName = string.Concat(Enumerable.Repeat("NamaPanjang", 9));

    private const string Search = "Cari nama, e-mel, agensi, bahagian atau jawatan";

    [Fact]
    public async Task A_99_character_name_is_cut_in_the_directory_and_its_buttons_stay_on_a_1280_px_screen()
    {
        var (_, domain) = await fixture.CreateAgency();
        var (email, colleagueId) = await LongNamedColleague(domain);
        await using var me = await fixture.OpenBrowser(BrowserFixture.StaffEmail("carian", domain));
        await me.SignIn();

        await me.Page.GetByRole(AriaRole.Link, new() { Name = "Direktori kenalan" }).ClickAsync();
        await me.Page.GetByPlaceholder(Search).FillAsync(email);
        var row = me.Page.Locator($"[data-testid=person][data-user-id='{colleagueId}']");
        var buttons = row.GetByRole(AriaRole.Button);
        await Expect(buttons).ToHaveTextAsync(["Profil", "Mesej"]);
        await me.Page.ScreenshotAsync(new() { Path = fixture.Screenshot("directory-long-name-1280x800") });

        await AssertCutBeside(me.Page, row.GetByTitle(LongName), buttons);
    }

    [Fact]
    public async Task A_99_character_name_is_cut_in_the_add_member_list_and_its_chip()
    {
        var (_, domain) = await fixture.CreateAgency();
        var (email, colleagueId) = await LongNamedColleague(domain);
        await using var me = await fixture.OpenBrowser(BrowserFixture.StaffEmail("pencipta", domain));
        await me.SignIn();

        await me.Page.GetByRole(AriaRole.Link, new() { Name = "Kumpulan baharu" }).ClickAsync();
        await me.Page.GetByPlaceholder(Search).FillAsync(email);
        var row = me.Page.Locator($"[data-testid=person][data-user-id='{colleagueId}']");
        var add = row.GetByRole(AriaRole.Button, new() { Name = $"Tambah {LongName}" });
        await AssertCutBeside(me.Page, row.GetByTitle(LongName), add);

        // Chosen, the name moves into a chip above the search, which must fit a phone as well.
        await add.ClickAsync();
        await me.Page.SetViewportSizeAsync(390, 844);
        var chip = me.Page.GetByRole(AriaRole.Button, new() { Name = $"Buang {LongName} daripada pilihan" });
        await Expect(chip).ToHaveAttributeAsync("title", LongName);
        await me.Page.ScreenshotAsync(new() { Path = fixture.Screenshot("new-group-long-name-chip-390x844") });
        await Layout.AssertInsideViewport(me.Page, chip);
        await Layout.AssertTruncated(chip.Locator(".one-line"));
    }

    [Fact]
    public async Task A_99_character_member_name_is_cut_on_a_phone_and_the_member_buttons_stay_on_screen()
    {
        var (_, domain) = await fixture.CreateAgency();
        var (_, colleagueId) = await LongNamedColleague(domain);
        await using var me = await fixture.OpenBrowser(BrowserFixture.StaffEmail("pemilik", domain), 390, 844);
        await me.SignIn();
        var grains = fixture.Stack.SiloServices.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IConversationGrain>(Guid.NewGuid()).CreateGroup(await fixture.UserIdOf(me.Email), "Pasukan Panjang", [colleagueId]);

        await me.Page.ReloadAsync();
        await me.Open("Pasukan Panjang");
        await me.Page.GetByRole(AriaRole.Button, new() { Name = "Butiran Pasukan Panjang" }).Last.ClickAsync();
        var row = me.Page.Locator($"[data-testid=member][data-user-id='{colleagueId}']");
        var buttons = row.GetByRole(AriaRole.Button);
        await Expect(buttons).ToHaveTextAsync(["Jadikan pentadbir", "Keluarkan"]);
        await me.Page.ScreenshotAsync(new() { Path = fixture.Screenshot("group-info-long-name-390x844") });

        await AssertCutBeside(me.Page, row.GetByTitle(LongName), buttons);
    }

    /// <summary>The whole name is in the title and the text, the text is cut, and the buttons after it are on screen.</summary>
    private static async Task AssertCutBeside(IPage page, ILocator name, ILocator buttons)
    {
        await Expect(name).ToHaveTextAsync(LongName);
        await Layout.AssertTruncated(name);
        await Layout.AssertInsideViewport(page, buttons);
        await Layout.AssertLeftOf(name, buttons.First);
    }

    /// <summary>
    /// A colleague at the agency's domain whose display name is <see cref="LongName"/>; rows are found by id, as other
    /// tests' colleagues of the same name may show before the search narrows down.
    /// </summary>
    private async Task<(string Email, Guid UserId)> LongNamedColleague(string domain)
    {
        var email = BrowserFixture.StaffEmail("panjang", domain);
        var colleague = await fixture.Stack.SignInWithEmailAsync(email);
        var grains = fixture.Stack.SiloServices.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IProfileGrain>(colleague.UserId).UpdateProfile(new ProfileUpdate(LongName));
        return (email, colleague.UserId);
    }
}
