using Microsoft.Extensions.DependencyInjection;

namespace GoChat.Web.Tests;

/// <summary>
/// The conversation list: the first page comes with Sync, the rest as the list scrolls; unread shows 99+; long names
/// and previews are cut to fit, never widen the list; the preview reads as the chat does.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConversationListTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Long_conversation_list_loads_as_it_scrolls_and_shows_99_plus_unread()
    {
        var (_, domain) = await fixture.CreateAgency();
        await using var me = await fixture.OpenBrowser(BrowserFixture.StaffEmail("ramai", domain));
        await me.SignIn();
        var meId = await fixture.UserIdOf(me.Email);
        var owner = await fixture.Stack.SignInAsync("pemilik-" + Guid.NewGuid().ToString("N")[..8]);
        var grains = fixture.Stack.SiloServices.GetRequiredService<IGrainFactory>();
        var groups = Enumerable.Range(0, 60).Select(_ => Guid.NewGuid()).ToList();
        for (var i = 0; i < groups.Count; i++) await grains.GetGrain<IConversationGrain>(groups[i]).CreateGroup(owner.UserId, $"Kumpulan {i:00}", [meId]);
        // The oldest group is the busiest: 120 unread, and the newest activity.
        for (var k = 0; k < 120; k++) await grains.GetGrain<IConversationGrain>(groups[0]).Send(owner.UserId, new SendMessageRequest(groups[0], $"s{k}", $"mesej {k}"));

        // A fresh start of the app: Sync brings the first page only.
        await me.Page.ReloadAsync();
        await Expect(me.Conversation("Kumpulan 00").GetByTestId("unread")).ToHaveTextAsync("99+");
        // Sync gives the first 50 (ChatHub.SyncPageSize); the other 10 come only as the end of the list is reached. A
        // tall window has it in view already (the next page then loads by itself and the marker goes): scroll to it
        // only if it is still there.
        await me.Page.EvaluateAsync("() => document.querySelector('[data-testid=more-conversations]')?.scrollIntoView()");
        await Expect(me.Page.GetByTestId("conversation")).ToHaveCountAsync(60);
        await Expect(me.Page.GetByTestId("more-conversations")).ToHaveCountAsync(0);
        await Expect(me.Conversation("Kumpulan 59")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_long_conversation_name_or_preview_does_not_widen_the_list_on_a_phone()
    {
        const string longName = "Jawatankuasa Penyelarasan Pendigitalan Perkhidmatan Awam Negeri";
        const string longPreview = "Mesyuarat penyelarasan ditangguhkan ke minggu hadapan kerana cuti umum";
        var (_, domain) = await fixture.CreateAgency();
        await using var me = await fixture.OpenBrowser(BrowserFixture.StaffEmail("telefon", domain), 390, 844);
        await me.SignIn();
        var meId = await fixture.UserIdOf(me.Email);
        var owner = await fixture.Stack.SignInAsync("pemilik-" + Guid.NewGuid().ToString("N")[..8]);
        var grains = fixture.Stack.SiloServices.GetRequiredService<IGrainFactory>();
        var named = Guid.NewGuid();
        var chatty = Guid.NewGuid();
        await grains.GetGrain<IConversationGrain>(named).CreateGroup(owner.UserId, longName, [meId]);
        await grains.GetGrain<IConversationGrain>(named).Send(owner.UserId, new SendMessageRequest(named, "s1", "Ok"));
        await grains.GetGrain<IConversationGrain>(chatty).CreateGroup(owner.UserId, "Unit IT", [meId]);
        await grains.GetGrain<IConversationGrain>(chatty).Send(owner.UserId, new SendMessageRequest(chatty, "s2", longPreview));

        await me.Page.ReloadAsync();
        var rows = me.Page.GetByTestId("conversation");
        await Expect(me.Conversation(longName).GetByTestId("unread")).ToHaveTextAsync("1");
        await Expect(me.Conversation("Unit IT")).ToContainTextAsync(longPreview);
        await me.Page.ScreenshotAsync(new() { Path = fixture.Screenshot("conversation-list-long-names-390x844") });

        await Layout.AssertInsideViewport(me.Page, rows);
        await Layout.AssertInsideViewport(me.Page, rows.Locator("time"));
        await Layout.AssertInsideViewport(me.Page, rows.GetByTestId("unread"));
        await Layout.AssertInsideViewport(me.Page, me.Page.GetByRole(AriaRole.Navigation, new() { Name = "Menu utama" }).GetByRole(AriaRole.Link));
        var name = me.Conversation(longName).Locator(".conversation-name");
        await Layout.AssertTruncated(name);
        await Expect(name).ToHaveAttributeAsync("title", longName);
        await Layout.AssertTruncated(me.Conversation("Unit IT").Locator(".conversation-preview"));
    }

    [Fact]
    public async Task Conversation_list_preview_follows_an_edit_and_a_delete_for_everyone()
    {
        await using var staff = await fixture.SignedInStaff("nora", "osman");
        var (nora, osman) = staff;
        await nora.StartChatWith(osman.Email, osman.DefaultName);
        await nora.Send("Draf surat pertama");
        // Osman never opens the chat: only his list shows it.
        var hisPreview = osman.Conversation(nora.DefaultName).Locator(".conversation-preview");
        var herPreview = nora.Conversation(osman.DefaultName).Locator(".conversation-preview");
        await Expect(hisPreview).ToHaveTextAsync("Draf surat pertama");
        await Expect(herPreview).ToHaveTextAsync("Anda: Draf surat pertama");

        await nora.Message("Draf surat pertama").HoverAsync();
        await nora.Message("Draf surat pertama").GetByRole(AriaRole.Button, new() { Name = "Sunting" }).ClickAsync();
        await nora.Send("Draf surat kedua");
        await Expect(hisPreview).ToHaveTextAsync("Draf surat kedua");
        await Expect(herPreview).ToHaveTextAsync("Anda: Draf surat kedua");
        await osman.Page.ReloadAsync();
        await Expect(hisPreview).ToHaveTextAsync("Draf surat kedua");

        await nora.Message("Draf surat kedua").HoverAsync();
        await nora.Message("Draf surat kedua").GetByRole(AriaRole.Button, new() { Name = "Padam" }).ClickAsync();
        await nora.Page.GetByRole(AriaRole.Button, new() { Name = "Padam untuk semua" }).ClickAsync();
        await Expect(hisPreview).ToHaveTextAsync("Mesej ini telah dipadam");
        await Expect(herPreview).ToHaveTextAsync("Mesej ini telah dipadam");
        await osman.Page.ReloadAsync();
        await nora.Page.ReloadAsync();
        await Expect(hisPreview).ToHaveTextAsync("Mesej ini telah dipadam");
        await Expect(herPreview).ToHaveTextAsync("Mesej ini telah dipadam");
        await Expect(osman.ChatList).Not.ToContainTextAsync("Draf surat");
    }
}
