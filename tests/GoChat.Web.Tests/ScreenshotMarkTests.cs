using System.Net.Http.Json;
using System.Text;
using GoChat.Gateway.Broadcasts;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace GoChat.Web.Tests;

/// <summary>
/// The robustness table's screenshot rows (docs/watermarks-screens.md): a reader opens a SULIT broadcast's picture in
/// the web client's viewer, the screen is captured at both viewports and re-encoded as a messenger would, and each copy
/// is read for the picture's invisible mark. What it must never do is name someone else; how often it names the
/// reader is measured, not asserted.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotMarkTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_screenshot_of_a_SULIT_picture_in_the_viewer_never_traces_to_someone_else()
    {
        var (agency, domain) = await fixture.CreateAgency("Jabatan Tangkapan Skrin");
        await using var reader = await fixture.OpenBrowser(BrowserFixture.StaffEmail("salmah", domain));
        await reader.SignIn();
        var readerId = await fixture.UserIdOf(reader.Email);
        await using var adminBrowser = await fixture.AgencyAdmin(domain);
        var admin = await fixture.Stack.SignInWithEmailAsync(adminBrowser.Email);
        using var http = fixture.Stack.HttpFor(admin.AccessToken);
        var channel = (await (await http.PostAsJsonAsync($"/api/admin/agencies/{agency.Id}/channels",
            new { name = "Pelan Sulit", description = "x", audience = "OwnAgency", mandatory = true })).Content.ReadFromJsonAsync<ChannelInfo>())!;
        var upload = await new TusClient(http).UploadReadyAsync("pelan.jpg", "image/jpeg", TestPictures.PhotoLike(1600, 1200));
        await using var poster = new ChatClient(fixture.Stack.GatewayUri, admin.AsSession());
        await poster.StartAsync();
        var ack = await poster.Connection.InvokeAsync<SendAck>("PostBroadcast", new
        {
            channelId = channel.Id.ToString(), clientMessageId = "skrin-1", text = "Pelan lantai", level = "SULIT", attachments = new[] { new { uploadId = upload.ToString() } },
        });

        await reader.Page.ReloadAsync();
        await reader.Open("Pelan Sulit");
        await reader.Page.GetByTestId("image-tile").ClickAsync();
        await Expect(reader.Page.GetByTestId("viewer-image")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("loaded"));

        var services = fixture.Stack.GatewayServices;
        var expected = services.GetRequiredService<DeliveryMarking>().Marks.For(GoChat.GrainInterfaces.ConversationIds.Broadcast(channel.Id, ack.Seq), readerId);
        var images = services.GetRequiredService<ImageMarking>();
        var rows = new List<string>();
        foreach (var (width, height) in new[] { (1280, 800), (390, 844) })
        {
            await reader.Page.SetViewportSizeAsync(width, height);
            await Expect(reader.Page.GetByTestId("viewer-image")).ToBeVisibleAsync();
            var shot = await reader.Page.ScreenshotAsync(new() { Path = fixture.Screenshot($"viewer-sulit-{width}x{height}") });
            foreach (var (name, copy) in new (string, byte[])[]
            {
                ("PNG as captured", shot), ("JPEG 90", TestPictures.Reencode(shot, 90)), ("JPEG 70", TestPictures.Reencode(shot, 70)),
                ("JPEG 50", TestPictures.Reencode(shot, 50)), ("WhatsApp-style (longest side 1600, JPEG 70)", TestPictures.Reencode(shot, 70, 1600)),
            })
            {
                var read = images.Read(copy);
                // Never a wrong person: whatever is read is the reader's mark or nothing.
                Assert.All(read, m => Assert.Equal(expected, m));
                rows.Add($"| {width}x{height} | {name} | {(read.Count > 0 ? "traced to the reader" : "nothing found")} |");
            }
        }
        if (Environment.GetEnvironmentVariable("GOCHAT_WRITE_WATERMARK_TABLE") == "1") WriteTable(rows);
    }

    private static void WriteTable(IReadOnlyList<string> rows)
    {
        var doc = new StringBuilder();
        doc.AppendLine("# Image marks in screenshots of the web client");
        doc.AppendLine();
        doc.AppendLine("A SULIT broadcast's 1600 x 1200 picture, opened in the web client's viewer by its reader (the marked preview, scaled to fit the");
        doc.AppendLine("screen), captured by Chromium at both viewports and re-encoded; each copy read by the gateway's image mark reader (no size hint).");
        doc.AppendLine("Measured by `ScreenshotMarkTests` with `GOCHAT_WRITE_WATERMARK_TABLE=1 dotnet test tests/GoChat.Web.Tests -c Release --filter FullyQualifiedName~ScreenshotMarkTests`.");
        doc.AppendLine();
        doc.AppendLine("| viewport | copy | result |");
        doc.AppendLine("|---|---|---|");
        foreach (var row in rows) doc.AppendLine(row);
        doc.AppendLine();
        doc.AppendLine("Where nothing is found, the copy still shows the visible overlay (the reader's name and delivery code), which an admin types into the trace page.");
        var path = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "docs", "watermarks-screens.md"));
        File.WriteAllText(path, doc.ToString());
    }
}
