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
        await Expect(farid.Page.GetByTestId("member")).ToHaveCountAsync(2);

        await Expect(hafiz.Page.GetByTestId("removed-note")).ToBeVisibleAsync();
        await Expect(hafiz.Composer).ToHaveCountAsync(0);
        await farid.Open("Pasukan Projek");
        await farid.Send("Maklumat sulit untuk ahli semasa sahaja");
        await Expect(gita.Message("Maklumat sulit untuk ahli semasa sahaja")).ToBeVisibleAsync();
        await Expect(gita.Page.GetByTestId("system-entry").Filter(new() { HasText = $"mengeluarkan {hafiz.DefaultName}" })).ToBeVisibleAsync();
        await Expect(hafiz.Messages).ToHaveCountAsync(2);
        await Expect(hafiz.Page.GetByText("Maklumat sulit untuk ahli semasa sahaja")).ToHaveCountAsync(0);
    }
}
