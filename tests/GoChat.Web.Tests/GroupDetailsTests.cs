using static GoChat.Testing.TestPictures;

namespace GoChat.Web.Tests;

/// <summary>
/// A group's description and photo in group info (issue 14): the admin changes them, the member sees them at once,
/// in group info, as system entries in the chat and as the group's picture in the list. Desktop and phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GroupDetailsTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData(1280, 800)]
    [InlineData(390, 844)]
    public async Task Admin_sets_the_description_and_photo_and_the_member_sees_both(int width, int height)
    {
        var (_, domain) = await fixture.CreateAgency();
        await using var lina = await fixture.OpenBrowser(BrowserFixture.StaffEmail("lina", domain), width, height);
        await using var musa = await fixture.OpenBrowser(BrowserFixture.StaffEmail("musa", domain), width, height);
        await lina.SignIn();
        await musa.SignIn();
        await lina.CreateGroup("Unit Perolehan", musa);
        var id = await lina.Page.EvaluateAsync<string>("() => location.pathname.split('/')[2]");
        await musa.Open("Unit Perolehan");

        await lina.Page.GotoAsync($"/chats/{id}/info");
        var description = lina.Page.GetByLabel("Keterangan kumpulan");
        await description.FillAsync("Urusan tender dan sebut harga bahagian.");
        await Expect(lina.Page.GetByText("461 aksara lagi")).ToBeVisibleAsync();
        await lina.Page.GetByRole(AriaRole.Button, new() { Name = "Simpan keterangan" }).ClickAsync();
        await Expect(lina.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Keterangan disimpan.");
        // A file that only claims to be a picture is refused with the reason, and the group keeps its initials.
        await lina.Page.Locator("#group-photo").SetInputFilesAsync(new FilePayload { Name = "logo.png", MimeType = "image/png", Buffer = "not a picture"u8.ToArray() });
        await Expect(lina.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Hanya gambar PNG, JPEG atau WebP diterima.");
        await Expect(lina.Page.GetByTestId("group-details").Locator(".avatar img")).ToHaveCountAsync(0);
        await lina.Page.Locator("#group-photo").SetInputFilesAsync(new FilePayload { Name = "logo.png", MimeType = "image/png", Buffer = Png(64, 64, withAlpha: false) });
        await Expect(lina.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Gambar kumpulan disimpan.");
        await Expect(lina.Page.GetByTestId("group-details").Locator(".avatar img")).ToBeVisibleAsync();
        await Layout.AssertInsideViewport(lina.Page, lina.Page.GetByTestId("group-details").GetByRole(AriaRole.Button));
        await lina.Page.ScreenshotAsync(new() { Path = fixture.Screenshot($"group-info-details-{width}x{height}") });

        // Musa, in the chat: both changes as system entries, live.
        var chat = musa.Page.GetByTestId("chat-view");
        await Expect(chat.GetByText($"{lina.DefaultName} menukar keterangan kumpulan")).ToBeVisibleAsync();
        await Expect(chat.GetByText($"{lina.DefaultName} menukar gambar kumpulan")).ToBeVisibleAsync();
        await Expect(chat.Locator(".chat-header .avatar img")).ToBeVisibleAsync();
        // A member reads the description; there is nothing for them to edit.
        await musa.Page.GotoAsync($"/chats/{id}/info");
        await Expect(musa.Page.GetByTestId("group-description")).ToHaveTextAsync("Urusan tender dan sebut harga bahagian.");
        await Expect(musa.Page.GetByLabel("Keterangan kumpulan")).ToHaveCountAsync(0);
        await Expect(musa.Page.GetByText("Tukar gambar kumpulan")).ToHaveCountAsync(0);
        if (width > 760) await Expect(musa.Conversation("Unit Perolehan").Locator(".avatar img")).ToBeVisibleAsync();

        // Removing the photo brings the initials back for both.
        await lina.Page.GetByRole(AriaRole.Button, new() { Name = "Buang gambar" }).ClickAsync();
        await Expect(lina.Page.GetByTestId("group-details").Locator(".avatar img")).ToHaveCountAsync(0);
        await Expect(musa.Page.GetByTestId("group-details").Locator(".avatar img")).ToHaveCountAsync(0);
    }
}
