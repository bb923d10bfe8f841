namespace GoChat.Web.Tests;

/// <summary>Groups in the browser: create from the directory, chat, manage members.</summary>
[Collection(BrowserCollection.Name)]
public sealed class GroupTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Group_of_three_chats_and_a_removed_member_stops_receiving()
    {
        await using var staff = await fixture.SignedInStaff("farid", "gita", "hafiz");
        var (farid, gita, hafiz) = staff;

        await farid.CreateGroup("Pasukan Projek", gita, hafiz);
        await farid.Send("Taklimat esok jam 9 pagi");
        await gita.Page.GetByLabel("Cari perbualan").FillAsync("mesyuarat agung");
        await Expect(gita.Page.GetByText("Tiada perbualan sepadan.")).ToBeVisibleAsync();
        await gita.Page.GetByLabel("Cari perbualan").FillAsync("projek");
        await gita.Open("Pasukan Projek");
        await hafiz.Open("Pasukan Projek");
        await Expect(gita.Message("Taklimat esok jam 9 pagi")).ToBeVisibleAsync();
        await Expect(hafiz.Message("Taklimat esok jam 9 pagi")).ToBeVisibleAsync();
        await hafiz.Send("Baik, saya hadir");
        await Expect(farid.Message("Baik, saya hadir")).ToBeVisibleAsync();
        await Expect(gita.Message("Baik, saya hadir")).ToBeVisibleAsync();

        await farid.Page.GetByRole(AriaRole.Button, new() { Name = "Butiran Pasukan Projek" }).Last.ClickAsync();
        await Expect(farid.Page.GetByTestId("member")).ToHaveCountAsync(3);
        await farid.Page.ScreenshotAsync(new() { Path = fixture.Screenshot("group-info-1280x800") });
        await farid.Page.GetByRole(AriaRole.Button, new() { Name = $"Keluarkan {hafiz.DefaultName}" }).ClickAsync();
        await Expect(farid.Page.GetByTestId("member")).ToHaveCountAsync(3); // asked first, nothing removed yet
        await farid.Page.GetByRole(AriaRole.Group, new() { Name = $"Keluarkan {hafiz.DefaultName} daripada kumpulan ini?" })
            .GetByRole(AriaRole.Button, new() { Name = "Ya, keluarkan" }).ClickAsync();
        await Expect(farid.Page.GetByTestId("member")).ToHaveCountAsync(2);
        // Hafiz's own header stops counting him, although he can no longer ask for the members.
        await Expect(hafiz.Page.GetByTestId("chat-sub")).ToHaveTextAsync("2 ahli");

        await Expect(hafiz.Page.GetByTestId("removed-note")).ToBeVisibleAsync();
        await Expect(hafiz.Composer).ToHaveCountAsync(0);
        await farid.Open("Pasukan Projek");
        await farid.Send("Maklumat sulit untuk ahli semasa sahaja");
        await Expect(gita.Message("Maklumat sulit untuk ahli semasa sahaja")).ToBeVisibleAsync();
        await Expect(gita.Page.GetByTestId("system-entry").Filter(new() { HasText = $"mengeluarkan {hafiz.DefaultName}" })).ToBeVisibleAsync();
        await Expect(hafiz.Messages).ToHaveCountAsync(2);
        await Expect(hafiz.Page.GetByText("Maklumat sulit untuk ahli semasa sahaja")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Sender_sees_who_read_a_group_message_in_message_info()
    {
        await using var staff = await fixture.SignedInStaff("intan", "jamal", "kamal");
        var (intan, jamal, kamal) = staff;
        await intan.CreateGroup("Jawatankuasa Resit", jamal, kamal);
        await intan.Send("Minit mesyuarat sudah diedarkan");
        await Expect(kamal.Conversation("Jawatankuasa Resit").GetByTestId("unread")).ToHaveTextAsync("1");

        // Jamal reads it; kamal's device has it but he has not opened the group.
        await jamal.Open("Jawatankuasa Resit");
        await Expect(jamal.Message("Minit mesyuarat sudah diedarkan")).ToBeVisibleAsync();
        var mine = intan.Message("Minit mesyuarat sudah diedarkan");
        await Expect(mine.GetByTestId("read-by")).ToHaveTextAsync("Dibaca oleh 1");
        await Expect(intan.Ticks("Minit mesyuarat sudah diedarkan")).ToHaveAttributeAsync("data-state", "delivered");

        await mine.HoverAsync();
        await mine.GetByRole(AriaRole.Button, new() { Name = "Maklumat mesej" }).ClickAsync();
        var info = intan.Page.GetByTestId("message-info");
        await Expect(info.GetByRole(AriaRole.Heading, new() { Name = "Maklumat mesej" })).ToBeVisibleAsync();
        await Expect(info.GetByTestId("read-by-list").GetByTestId("receipt-person").Locator(".person-name")).ToHaveTextAsync([jamal.DefaultName]);
        await Expect(info.GetByTestId("delivered-to-list").GetByTestId("receipt-person").Locator(".person-name")).ToHaveTextAsync([kamal.DefaultName]);
        await Expect(info.GetByTestId("receipt-summary")).ToHaveTextAsync("Diterima 2 daripada 2");
        await intan.Page.ScreenshotAsync(new() { Path = fixture.Screenshot("message-info-1280x800") });

        // Kamal reads it too: read by all, blue ticks, and someone who is not the sender has no such view.
        await intan.Open("Jawatankuasa Resit");
        await kamal.Open("Jawatankuasa Resit");
        await Expect(mine.GetByTestId("read-by")).ToHaveTextAsync("Dibaca oleh 2");
        await Expect(intan.Ticks("Minit mesyuarat sudah diedarkan")).ToHaveAttributeAsync("data-state", "read");
        await jamal.Message("Minit mesyuarat sudah diedarkan").HoverAsync();
        await Expect(jamal.Message("Minit mesyuarat sudah diedarkan").GetByRole(AriaRole.Button, new() { Name = "Maklumat mesej" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Group_info_opened_by_its_link_shows_its_name_and_members()
    {
        await using var staff = await fixture.SignedInStaff("lina", "musa");
        var (lina, musa) = staff;
        await lina.CreateGroup("Unit Perolehan", musa);
        var id = await lina.Page.EvaluateAsync<string>("() => location.pathname.split('/')[2]");

        // Typed into the address bar (or a reload there): the page comes before the hub link and the list.
        await lina.Page.GotoAsync($"/chats/{id}/info");
        await Expect(lina.Page.GetByLabel("Nama kumpulan")).ToHaveValueAsync("Unit Perolehan");
        await Expect(lina.Page.GetByRole(AriaRole.Heading, new() { Name = "2 ahli" })).ToBeVisibleAsync();
        await Expect(lina.Page.GetByTestId("member").Locator(".person-name")).ToHaveTextAsync(["Anda", musa.DefaultName]);
    }
}
