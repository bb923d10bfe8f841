using static GoChat.Testing.TestPictures;

namespace GoChat.Web.Tests;

/// <summary>
/// A channel's picture in the browser (issue 16): its admin sets it in channel info with the group photo's control,
/// and a subscriber sees it in the chat list, the channel's header and the directory; removing it brings the megaphone back.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ChannelPhotoTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_admin_sets_the_channel_picture_and_a_subscriber_sees_it_in_the_list_the_header_and_the_directory()
    {
        var (_, domain) = await fixture.CreateAgency("Jabatan Penerangan Ujian");
        // In the audience before the channel exists: the mandatory channel enrols her.
        await using var siti = await fixture.OpenBrowser(BrowserFixture.StaffEmail("siti", domain));
        await siti.SignIn();
        await using var admin = await fixture.AgencyAdmin(domain);
        var name = $"Hebahan Bergambar {Guid.NewGuid():N}"[..24];
        await admin.CreateChannel(name, "Makluman rasmi jabatan", mandatory: true);

        // The header leads an admin to channel info, where the picture is changed.
        await admin.Page.GetByTestId("chat-view").Locator(".chat-title").ClickAsync();
        var details = admin.Page.GetByTestId("channel-details");
        await Expect(details.GetByTestId("channel-icon")).ToBeVisibleAsync();
        // A file that only claims to be a picture is refused with the reason, and the megaphone stays.
        await admin.Page.Locator("#channel-photo").SetInputFilesAsync(new FilePayload { Name = "logo.png", MimeType = "image/png", Buffer = "bukan gambar"u8.ToArray() });
        await Expect(details.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Hanya gambar PNG, JPEG atau WebP diterima.");
        await Expect(details.Locator(".avatar img")).ToHaveCountAsync(0);
        await admin.Page.Locator("#channel-photo").SetInputFilesAsync(new FilePayload { Name = "logo.png", MimeType = "image/png", Buffer = Png(64, 64, withAlpha: false) });
        await Expect(details.GetByRole(AriaRole.Status)).ToHaveTextAsync("Gambar saluran disimpan.");
        await Expect(details.Locator(".avatar img")).ToBeVisibleAsync();
        await Expect(details.GetByTestId("channel-icon")).ToHaveCountAsync(0);
        await admin.Page.ScreenshotAsync(new() { Path = fixture.Screenshot("channel-info-picture") });
        await admin.Open(name);
        await Expect(admin.Page.Locator(".chat-header .avatar img")).ToBeVisibleAsync();

        // Siti learns of the channel at her next Sync (enrolment tells no device): the list row and the header show the picture.
        await siti.Page.ReloadAsync();
        await Expect(siti.Conversation(name).Locator(".avatar img")).ToBeVisibleAsync();
        await siti.Open(name);
        var chat = siti.Page.GetByTestId("chat-view");
        await Expect(chat.Locator(".chat-header .avatar img")).ToBeVisibleAsync();
        await Expect(chat.GetByText("menukar gambar saluran")).ToBeVisibleAsync();
        await siti.Page.ScreenshotAsync(new() { Path = fixture.Screenshot("channel-picture-subscriber") });
        // She sees channel info, with nothing to change there.
        await chat.Locator(".chat-title").ClickAsync();
        await Expect(siti.Page.GetByTestId("channel-details").Locator(".avatar img")).ToBeVisibleAsync();
        await Expect(siti.Page.GetByText("Tukar gambar saluran")).ToHaveCountAsync(0);
        var listing = await siti.FindChannel(name);
        await Expect(listing.Locator(".avatar img")).ToBeVisibleAsync();

        // Removed: the megaphone is back, in Siti's open chat too, live.
        await siti.Open(name);
        await admin.Page.GetByTestId("chat-view").Locator(".chat-title").ClickAsync();
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Buang gambar" }).ClickAsync();
        await Expect(details.GetByTestId("channel-icon")).ToBeVisibleAsync();
        await Expect(siti.Page.Locator(".chat-header").GetByTestId("channel-icon")).ToBeVisibleAsync();
        await Expect(siti.Page.Locator(".chat-header .avatar img")).ToHaveCountAsync(0);
    }
}
