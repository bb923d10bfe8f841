namespace GoChat.Web.Tests;

/// <summary>A channel admin's broadcast with a picture, from the composer (issue 16: channels post images and files).</summary>
[Collection(BrowserCollection.Name)]
public sealed class BroadcastAttachmentTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_channel_admin_attaches_a_picture_to_a_SULIT_broadcast_and_a_reader_sees_it()
    {
        var (_, domain) = await fixture.CreateAgency("Jabatan Gambar Ujian");
        await using var reader = await fixture.OpenBrowser(BrowserFixture.StaffEmail("zainab", domain));
        await reader.SignIn();
        await using var admin = await fixture.AgencyAdmin(domain);
        var name = $"Gambar {Guid.NewGuid():N}"[..16];
        await admin.CreateChannel(name, "Pelan dan gambar", mandatory: true);
        var composer = admin.Page.GetByTestId("broadcast-composer");
        await composer.GetByLabel("Tahap klasifikasi", new() { Exact = true }).SelectOptionAsync("SULIT");
        await composer.GetByTestId("broadcast-attach-input").SetInputFilesAsync(new FilePayload { Name = "pelan.jpg", MimeType = "image/jpeg", Buffer = TestPictures.PhotoLike(1280, 960) });
        await composer.GetByLabel("Teks hebahan", new() { Exact = true }).FillAsync("Pelan lantai aras 3");
        var send = composer.GetByRole(AriaRole.Button, new() { Name = "Hantar hebahan" });
        // The picture is checked first (type, scan): the broadcast waits for it.
        await Expect(send).ToBeEnabledAsync();
        await send.ClickAsync();

        await Expect(admin.Broadcast("Pelan lantai aras 3").GetByTestId("image-tile")).ToBeVisibleAsync();
        await Expect(composer.GetByTestId("tray")).ToHaveCountAsync(0);
        await reader.Page.ReloadAsync();
        await reader.Open(name);
        var broadcast = reader.Broadcast("Pelan lantai aras 3");
        await Expect(broadcast.GetByTestId("classification-banner")).ToHaveTextAsync("SULIT");
        await Expect(broadcast.GetByTestId("image-tile")).ToBeVisibleAsync();
        await Expect(broadcast.GetByTestId("watermark")).ToBeVisibleAsync();
    }
}
