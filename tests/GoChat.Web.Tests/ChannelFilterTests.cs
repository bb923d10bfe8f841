namespace GoChat.Web.Tests;

/// <summary>A channel's broadcasts narrowed to one tag or one level from a broadcast's footer (issue 16: filterable).</summary>
[Collection(BrowserCollection.Name)]
public sealed class ChannelFilterTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_tag_or_a_level_in_a_footer_narrows_the_channel_to_the_broadcasts_that_carry_it()
    {
        var (_, domain) = await fixture.CreateAgency("Jabatan Tapis Ujian");
        await using var admin = await fixture.AgencyAdmin(domain);
        var name = $"Tapis {Guid.NewGuid():N}"[..15];
        await admin.CreateChannel(name, "Hebahan bertag", mandatory: false);
        await admin.PostBroadcast("TERBUKA", "cuti", "Cuti umum pada hari Isnin.");
        await admin.PostBroadcast("TERHAD", "latihan", "Latihan pada hari Selasa.");

        await admin.Broadcast("Cuti umum").GetByTestId("broadcast-tag").ClickAsync();
        await Expect(admin.Page.GetByTestId("broadcast-filter")).ToContainTextAsync("Ditapis: #cuti");
        await Expect(admin.Broadcast("Cuti umum")).ToBeVisibleAsync();
        await Expect(admin.Broadcast("Latihan pada")).ToHaveCountAsync(0);

        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Tunjuk semua hebahan" }).ClickAsync();
        await Expect(admin.Broadcast("Latihan pada")).ToBeVisibleAsync();
        await admin.Broadcast("Latihan pada").GetByTestId("classification-footer").ClickAsync();
        await Expect(admin.Page.GetByTestId("broadcast-filter")).ToContainTextAsync("Ditapis: TERHAD");
        await Expect(admin.Broadcast("Cuti umum")).ToHaveCountAsync(0);
        await Expect(admin.Broadcast("Latihan pada")).ToBeVisibleAsync();
    }
}
