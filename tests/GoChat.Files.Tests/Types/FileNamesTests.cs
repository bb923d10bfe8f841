using System.Text;
using GoChat.Files.Types;
using AspNetContentDisposition = Microsoft.Net.Http.Headers.ContentDispositionHeaderValue;

namespace GoChat.Files.Tests.Types;

public class FileNamesTests
{
    [Fact]
    public void The_bidi_override_name_shows_its_true_extension()
    {
        // U+202E shows "invoice\u202Efdp.exe" as "invoiceexe.pdf".
        Assert.Equal("invoicefdp.exe", FileNames.Sanitize("invoice\u202Efdp.exe"));
        Assert.Equal("exe", FileNames.Extension("invoice\u202Efdp.exe"));
        Assert.Equal("photo_gpj.exe", FileNames.Sanitize("photo_\u2067gpj.exe\u2069"));
    }

    [Theory]
    [InlineData("lap\u0000oran\u0007.pdf", "laporan.pdf")]
    [InlineData("lap\u200Boran\u200D\u200E.pdf\uFEFF", "laporan.pdf")]
    [InlineData("\u202Alaporan\u202C.\u2066pdf", "laporan.pdf")]
    [InlineData("laporan\u00AD\u2060\u3164.pdf", "laporan.pdf")]
    [InlineData("laporan\U000E0041\U000E0042.pdf", "laporan.pdf")]
    public void Control_and_invisible_characters_are_dropped(string name, string expected) => Assert.Equal(expected, FileNames.Sanitize(name));

    [Theory]
    [InlineData("C:\\Users\\ali\\Desktop\\Laporan.pdf", "Laporan.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..\\..\\Windows\\System32\\evil.dll", "evil.dll")]
    [InlineData("folder/", "fail")]
    public void Path_parts_are_dropped(string name, string expected) => Assert.Equal(expected, FileNames.Sanitize(name));

    [Theory]
    [InlineData("  Minit   mesyuarat\t\n 2026 .pdf  ", "Minit mesyuarat 2026.pdf")]
    [InlineData("Minit\u00A0\u3000mesyuarat\u2028.pdf", "Minit mesyuarat.pdf")]
    [InlineData("...rahsia.txt...", "rahsia.txt")]
    [InlineData("laporan.pdf. . .", "laporan.pdf")]
    public void Whitespace_is_collapsed_and_leading_and_trailing_dots_and_spaces_are_trimmed(string name, string expected) =>
        Assert.Equal(expected, FileNames.Sanitize(name));

    [Theory]
    [InlineData(null, "fail")]
    [InlineData("", "fail")]
    [InlineData("   ", "fail")]
    [InlineData("\u202E\u200B", "fail")]
    [InlineData("....", "fail")]
    [InlineData(".pdf", "fail.pdf")]
    [InlineData("\u200B.pdf", "fail.pdf")]
    public void A_name_that_ends_up_empty_becomes_fail_with_its_extension(string? name, string expected) =>
        Assert.Equal(expected, FileNames.Sanitize(name));

    [Theory]
    [InlineData("CON", "_CON")]
    [InlineData("nul.txt", "_nul.txt")]
    [InlineData("Com1.tar.gz", "_Com1.tar.gz")]
    [InlineData("LPT9 .pdf", "_LPT9.pdf")]
    [InlineData("CONSOLE.txt", "CONSOLE.txt")]
    [InlineData("Laporan CON.txt", "Laporan CON.txt")]
    public void Names_Windows_reserves_for_devices_are_avoided(string name, string expected) => Assert.Equal(expected, FileNames.Sanitize(name));

    [Theory]
    [InlineData("Kafe\u0301.txt", "Kaf\u00E9.txt")] // as a Mac sends it
    [InlineData("a\u0302\u0323.txt", "\u1EAD.txt")] // marks in the wrong order still compose
    [InlineData("\u1112\u1161\u11AB\u1100\u1173\u11AF.txt", "\uD55C\uAE00.txt")] // Hangul jamo
    [InlineData("\u212Bngstr\u00F6m.txt", "\u00C5ngstr\u00F6m.txt")] // the Angstrom sign is a letter A with ring
    public void Names_are_normalised_to_NFC(string name, string expected) => Assert.Equal(expected, FileNames.Sanitize(name));

    [Fact]
    public void Long_names_are_cut_to_255_bytes_before_the_extension_and_never_inside_a_character()
    {
        var emoji = FileNames.Sanitize("aaa" + string.Concat(Enumerable.Repeat("\U0001F600", 100)) + ".pdf");
        Assert.InRange(Encoding.UTF8.GetByteCount(emoji), 250, 255);
        Assert.EndsWith("\U0001F600.pdf", emoji);
        Assert.DoesNotContain("\uFFFD", Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(emoji))); // no half surrogate pair

        var chinese = FileNames.Sanitize(new string('报', 120) + ".docx");
        Assert.Equal(new string('报', 83) + ".docx", chinese);

        var accented = FileNames.Sanitize(string.Concat(Enumerable.Repeat("e\u0301\u0323", 100)) + ".txt");
        Assert.True(Encoding.UTF8.GetByteCount(accented) <= FileNames.MaxBytes);
        Assert.EndsWith("\u1EB9\u0301.txt", accented); // a letter keeps all its marks
    }

    [Theory]
    [InlineData("invoice\u202Efdp.exe")]
    [InlineData("  ..CON.tar.gz ")]
    [InlineData(".pdf")]
    [InlineData("Kafe\u0301 \u200B  nota.txt")]
    public void Sanitising_twice_changes_nothing(string name)
    {
        var once = FileNames.Sanitize(name);
        Assert.Equal(once, FileNames.Sanitize(once));
    }

    [Theory]
    [InlineData("FOTO.JPG", "jpg")]
    [InlineData("arkib.tar.gz", "gz")]
    [InlineData("README", "")]
    [InlineData("laporan.pdf.", "pdf")] // Windows drops the trailing dot, and so sees .pdf
    [InlineData("skrip.js ", "js")]
    public void The_extension_is_lower_case_without_the_dot(string name, string expected) => Assert.Equal(expected, FileNames.Extension(name));

    [Fact]
    public void A_download_gets_the_type_extension_when_its_name_has_none_that_fits()
    {
        Assert.Equal("nota suara.webm", FileNames.ForDownload("nota suara", FileTypes.WebmAudio));
        Assert.Equal("nota suara.weba", FileNames.ForDownload("nota suara.weba", FileTypes.WebmAudio));
        Assert.Equal("fail.pdf", FileNames.ForDownload(null, FileTypes.Pdf));
    }

    [Fact]
    public void Content_disposition_round_trips_a_Malay_and_Chinese_name()
    {
        const string name = "Laporan Kewangan Suku 3 — 财务报告 (Kafé).pdf";
        var header = FileNames.ContentDisposition(name, inline: false);
        Assert.Equal(
            "attachment; filename=\"Laporan Kewangan Suku 3 _ ____ (Kaf_).pdf\"; "
            + "filename*=UTF-8''Laporan%20Kewangan%20Suku%203%20%E2%80%94%20%E8%B4%A2%E5%8A%A1%E6%8A%A5%E5%91%8A%20%28Kaf%C3%A9%29.pdf",
            header);
        var parsed = AspNetContentDisposition.Parse(header);
        Assert.Equal("attachment", parsed.DispositionType.Value);
        Assert.Equal(name, parsed.FileNameStar.Value);
        Assert.Equal(name, System.Net.Http.Headers.ContentDispositionHeaderValue.Parse(header).FileNameStar);
    }

    [Fact]
    public void Content_disposition_round_trips_a_name_with_quotes_and_percent_signs()
    {
        // A backslash never gets this far: Sanitize takes it for a path separator.
        const string name = "\"Sulit\" memo 100%20 draf's.docx";
        var header = FileNames.ContentDisposition(name, inline: true);
        Assert.Equal("inline; filename=\"_Sulit_ memo 100_20 draf's.docx\"; filename*=UTF-8''%22Sulit%22%20memo%20100%2520%20draf%27s.docx", header);
        Assert.Equal(name, AspNetContentDisposition.Parse(header).FileNameStar.Value);
    }

    [Fact]
    public void Content_disposition_shows_the_sanitised_name()
    {
        var header = FileNames.ContentDisposition("invoice\u202Efdp.exe\r\nSet-Cookie: a=b", inline: false);
        Assert.DoesNotContain('\r', header);
        Assert.DoesNotContain('\n', header);
        Assert.Equal("invoicefdp.exe Set-Cookie: a=b", AspNetContentDisposition.Parse(header).FileNameStar.Value);
    }
}
