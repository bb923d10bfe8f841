using System.Text.RegularExpressions;

namespace GoChat.Web.Tests;

/// <summary>The leak-trace page of the admin portal and the public check (/semak), in the browser (issue 16).</summary>
[Collection(BrowserCollection.Name)]
public sealed class LeakTraceAndSemakTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_admin_traces_the_code_on_a_screenshots_watermark_to_its_reader()
    {
        var (_, domain) = await fixture.CreateAgency("Jabatan Jejak Ujian");
        await using var reader = await fixture.OpenBrowser(BrowserFixture.StaffEmail("rahim", domain));
        await reader.SignIn();
        await reader.SetDisplayName("Rahim Salleh");
        await using var admin = await fixture.AgencyAdmin(domain);
        var name = $"Terhad {Guid.NewGuid():N}"[..16];
        await admin.CreateChannel(name, "Arahan terhad", mandatory: true);
        await admin.PostBroadcast("TERHAD", "latihan", "Latihan kebakaran pada hari Khamis jam 10 pagi.");
        await reader.Page.ReloadAsync();
        await reader.Open(name);
        var watermark = reader.Broadcast("Latihan kebakaran").GetByTestId("watermark");
        await Expect(watermark).ToHaveAttributeAsync("data-text", new Regex(@"^Rahim Salleh · [A-Z0-9]{20}$"));
        var code = (await watermark.GetAttributeAsync("data-text"))!.Split(" · ")[1];

        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "Portal pentadbir" }).ClickAsync();
        await admin.Page.GetByRole(AriaRole.Tab, new() { Name = "Jejak kebocoran", Exact = true }).ClickAsync();
        var trace = admin.Page.GetByTestId("leak-trace");
        // Typed off a screenshot as a person would: in groups, in lower case.
        await trace.GetByLabel("Kod pada tera air", new() { Exact = true }).FillAsync(string.Join(" ", code.Chunk(5).Select(c => new string(c))).ToLowerInvariant());
        await trace.GetByRole(AriaRole.Button, new() { Name = "Jejak", Exact = true }).ClickAsync();

        var result = trace.GetByTestId("leak-result");
        await Expect(result).ToContainTextAsync("Salinan ini milik:");
        await Expect(result).ToContainTextAsync("Rahim Salleh");
        await Expect(result).ToContainTextAsync($"Hebahan: {name}, TERHAD");

        await trace.GetByLabel("Kod pada tera air", new() { Exact = true }).FillAsync("");
        await trace.GetByLabel("Teks yang bocor", new() { Exact = true }).FillAsync("Latihan kebakaran pada hari Khamis jam 10 pagi.");
        await trace.GetByRole(AriaRole.Button, new() { Name = "Jejak", Exact = true }).ClickAsync();
        await Expect(result).ToContainTextAsync("Tiada tanda penerima ditemui pada salinan ini.");
    }

    [Fact]
    public async Task Anyone_checks_a_forwarded_TERBUKA_broadcast_on_semak_and_an_edited_one_is_not_genuine()
    {
        var (_, domain) = await fixture.CreateAgency("Jabatan Semak Ujian");
        await using var admin = await fixture.AgencyAdmin(domain);
        var name = $"Umum {Guid.NewGuid():N}"[..14];
        var text = $"Kaunter ditutup pada 24 Disember. Rujukan {Guid.NewGuid():N}"[..56];
        await admin.CreateChannel(name, "Hebahan umum", mandatory: false);
        await admin.PostBroadcast("TERBUKA", "makluman", text);
        await using var citizen = await fixture.OpenBrowser("orang.awam@example.com");

        await citizen.Page.GotoAsync("/semak");
        var page = citizen.Page.GetByTestId("semak");
        // As another messenger forwards it: extra spaces and a line break.
        await page.GetByLabel("Teks hebahan", new() { Exact = true }).FillAsync(text.Replace(". ", ".\n\n  "));
        await page.GetByRole(AriaRole.Button, new() { Name = "Semak", Exact = true }).ClickAsync();
        var result = page.GetByTestId("semak-result");
        await Expect(result).ToContainTextAsync("Tulen: hebahan Jabatan Semak Ujian");

        await page.GetByLabel("Teks hebahan", new() { Exact = true }).FillAsync(text.Replace("24 Disember", "26 Disember"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Semak", Exact = true }).ClickAsync();
        await Expect(result).ToContainTextAsync("Tidak tulen");
        await citizen.Page.ScreenshotAsync(new() { Path = fixture.Screenshot("semak-not-genuine") });
    }
}
