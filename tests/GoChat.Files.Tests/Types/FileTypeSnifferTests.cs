using System.Text;
using GoChat.Files.Types;

namespace GoChat.Files.Tests.Types;

public class FileTypeSnifferTests
{
    private static readonly Dictionary<string, Func<byte[]>> Samples = new()
    {
        ["pdf"] = () => SampleFiles.Pdf,
        ["docx"] = () => SampleFiles.Docx,
        ["xlsx"] = () => SampleFiles.Xlsx,
        ["pptx"] = () => SampleFiles.Pptx,
        ["odt"] = () => SampleFiles.Odt,
        ["doc"] = () => CompoundFiles.WordDocument,
        ["xls"] = () => CompoundFiles.With(("Workbook", false), ("\u0005SummaryInformation", false)),
        ["ppt"] = () => CompoundFiles.With(("PowerPoint Document", false), ("Current User", false)),
        ["png"] = () => SampleFiles.Png,
        ["jpeg"] = () => SampleFiles.Jpeg,
        ["gif"] = () => SampleFiles.Gif,
        ["webp"] = () => SampleFiles.WebP,
        ["bmp"] = () => SampleFiles.Bmp,
        ["heic"] = () => SampleFiles.IsoMedia("heic", "mif1", "heic"),
        ["mp4"] = () => SampleFiles.IsoMedia("isom", "isom", "iso2", "avc1", "mp41"),
        ["m4a"] = () => SampleFiles.IsoMedia("M4A ", "M4A ", "mp42", "isom"),
        ["mov"] = () => SampleFiles.IsoMedia("qt  ", "qt  "),
        ["3gp"] = () => SampleFiles.IsoMedia("3gp4", "isom", "3gp4"),
        ["mp3-id3"] = () => SampleFiles.Mp3WithId3,
        ["mp3-frames"] = () => SampleFiles.Mp3Frames,
        ["ogg"] = () => SampleFiles.OggOpus,
        ["wav"] = () => SampleFiles.Wav,
        ["webm"] = () => SampleFiles.Webm,
        ["mkv"] = () => SampleFiles.Matroska,
        ["text"] = () => SampleFiles.MalayText,
        ["csv"] = () => SampleFiles.Utf8("nama,jabatan\nSiti Nur,Kewangan\n"),
        ["xml"] = () => SampleFiles.Xml,
        ["zip"] = () => SampleFiles.PlainZip,
        ["exe"] = () => SampleFiles.WindowsProgram,
        ["elf"] = () => SampleFiles.LinuxProgram,
        ["macho"] = () => [0xCF, 0xFA, 0xED, 0xFE, 0x07, 0, 0, 0x01, .. new byte[24]],
        ["script"] = () => SampleFiles.ShellScript,
        ["html"] = () => SampleFiles.Html,
        ["svg"] = () => SampleFiles.Svg,
        ["svg-xml"] = () => SampleFiles.SvgWithProlog,
        ["jar"] = () => SampleFiles.Jar,
        ["jar-docx"] = () => SampleFiles.JarDressedAsDocx,
        ["apk"] = () => SampleFiles.Apk,
        ["appx"] = () => SampleFiles.AppPackage,
        ["docm"] = () => SampleFiles.Docm,
    };

    [Theory]
    [InlineData("pdf", "Laporan Tahunan 2026.pdf", "application/pdf")]
    [InlineData("docx", "Surat Pekeliling.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("xlsx", "Belanjawan.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData("pptx", "Taklimat.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation")]
    [InlineData("odt", "Nota.odt", "application/vnd.oasis.opendocument.text")]
    [InlineData("doc", "Surat Lama.doc", "application/msword")]
    [InlineData("xls", "Data Lama.xls", "application/vnd.ms-excel")]
    [InlineData("ppt", "Slaid Lama.ppt", "application/vnd.ms-powerpoint")]
    [InlineData("png", "tangkapan skrin.png", "image/png")]
    [InlineData("jpeg", "IMG_2041.JPG", "image/jpeg")]
    [InlineData("jpeg", "foto.jpeg", "image/jpeg")]
    [InlineData("gif", "animasi.gif", "image/gif")]
    [InlineData("webp", "gambar.webp", "image/webp")]
    [InlineData("bmp", "skrin.bmp", "image/bmp")]
    [InlineData("heic", "IMG_0001.HEIC", "image/heic")]
    [InlineData("mp4", "klip.mp4", "video/mp4")]
    [InlineData("m4a", "rakaman.m4a", "audio/mp4")]
    [InlineData("m4a", "rakaman.mp4", "audio/mp4")]
    [InlineData("mov", "IMG_0002.MOV", "video/quicktime")]
    [InlineData("3gp", "video.3gp", "video/3gpp")]
    [InlineData("mp3-id3", "lagu.mp3", "audio/mpeg")]
    [InlineData("mp3-frames", "lagu.mp3", "audio/mpeg")]
    [InlineData("ogg", "nota suara.opus", "audio/ogg")]
    [InlineData("ogg", "nota suara.ogg", "audio/ogg")]
    [InlineData("wav", "rakaman.wav", "audio/wav")]
    [InlineData("webm", "klip.webm", "video/webm")]
    [InlineData("mkv", "filem.mkv", "video/x-matroska")]
    [InlineData("text", "minit.txt", "text/plain; charset=utf-8")]
    [InlineData("csv", "senarai.csv", "text/plain; charset=utf-8")]
    [InlineData("xml", "invois.xml", "text/plain; charset=utf-8")]
    [InlineData("zip", "lampiran.zip", "application/zip")]
    public async Task Genuine_files_are_accepted_with_the_type_they_are_served_as(string sample, string name, string contentType)
    {
        var verdict = await Decide(name, Samples[sample]());
        Assert.True(verdict.Accepted, verdict.Reason);
        Assert.Equal(contentType, verdict.Type.ContentType);
    }

    [Theory]
    [InlineData("exe", "report.pdf")]
    [InlineData("exe", "photo.jpg")]
    [InlineData("exe", "notes.txt")]
    [InlineData("elf", "report.pdf")]
    [InlineData("macho", "photo.jpg")]
    public async Task A_renamed_executable_is_refused(string sample, string name)
    {
        var verdict = await Decide(name, Samples[sample](), declaredType: "application/pdf");
        AssertRefused(FileTypeErrorCodes.NotAllowed, verdict);
        Assert.Contains("program", verdict.Reason);
    }

    [Fact]
    public async Task A_script_named_pdf_is_refused()
    {
        var verdict = await Decide("invoice.pdf", SampleFiles.ShellScript, declaredType: "application/pdf");
        AssertRefused(FileTypeErrorCodes.NotAllowed, verdict);
        Assert.Contains("script", verdict.Reason);
    }

    [Theory]
    [InlineData("jar", "lampiran.zip")]
    [InlineData("jar", "Surat.docx")]
    [InlineData("jar-docx", "Surat.docx")]
    [InlineData("apk", "lampiran.zip")]
    public async Task A_java_or_android_archive_is_refused_whatever_it_is_named(string sample, string name)
    {
        AssertRefused(FileTypeErrorCodes.NotAllowed, await Decide(name, Samples[sample]()));
    }

    [Fact]
    public async Task A_docx_named_pdf_is_a_mismatch()
    {
        var verdict = await Decide("Laporan.pdf", SampleFiles.Docx, declaredType: "application/pdf");
        AssertRefused(FileTypeErrorCodes.Mismatch, verdict);
        Assert.Equal("The file is named .pdf but it is a Word document. Name it .docx or send the right file.", verdict.Reason);
    }

    [Theory]
    [InlineData("pdf", "Laporan.docx")]
    [InlineData("text", "Laporan.pdf")]
    [InlineData("zip", "Surat.docx")]
    [InlineData("png", "foto.jpg")]
    [InlineData("doc", "Data.xls")]
    [InlineData("doc", "Surat.pdf")]
    [InlineData("webm", "klip.mp4")]
    [InlineData("m4a", "rakaman.mov")]
    public async Task A_file_named_as_another_allowed_type_is_a_mismatch(string sample, string name)
    {
        AssertRefused(FileTypeErrorCodes.Mismatch, await Decide(name, Samples[sample]()));
    }

    [Theory]
    [InlineData("text", "jalankan.bat")]
    [InlineData("text", "skrip.js")]
    [InlineData("pdf", "invoice\u202Efdp.exe")]
    [InlineData("pdf", "Laporan.final")]
    public async Task A_name_whose_extension_is_not_on_the_allowlist_is_refused(string sample, string name)
    {
        AssertRefused(FileTypeErrorCodes.NotAllowed, await Decide(name, Samples[sample]()));
    }

    [Fact]
    public async Task The_bidi_override_trick_is_judged_by_the_real_extension()
    {
        // Shown by a naive client as "invoiceexe.pdf"; the reader's machine would see .exe.
        var verdict = await Decide("invoice\u202Efdp.exe", SampleFiles.Pdf);
        AssertRefused(FileTypeErrorCodes.NotAllowed, verdict);
        Assert.Contains(".exe", verdict.Reason);
    }

    [Theory]
    [InlineData("docm", "Surat.docm")]
    [InlineData("docm", "Surat.docx")]
    [InlineData("appx", "Surat.docx")]
    public async Task Macro_documents_and_packages_dressed_as_office_files_are_refused(string sample, string name)
    {
        AssertRefused(FileTypeErrorCodes.NotAllowed, await Decide(name, Samples[sample]()));
    }

    [Fact]
    public async Task OpenDocument_files_with_macros_or_of_other_kinds_are_refused()
    {
        AssertRefused(FileTypeErrorCodes.NotAllowed,
            await Decide("Nota.odt", SampleFiles.OpenDocument("application/vnd.oasis.opendocument.text", ("Basic/Standard/Module1.xml", "<script:module/>"))));
        AssertRefused(FileTypeErrorCodes.NotAllowed, await Decide("Lukisan.odg", SampleFiles.OpenDocument("application/vnd.oasis.opendocument.graphics")));
    }

    [Theory]
    [InlineData("html", "nota.txt")]
    [InlineData("html", "halaman.html")]
    [InlineData("svg", "logo.png")]
    [InlineData("svg", "logo.svg")]
    [InlineData("svg", "logo.txt")]
    [InlineData("svg-xml", "logo.xml")]
    [InlineData("script", "nota.txt")]
    public async Task Web_pages_pictures_with_script_and_scripts_are_not_plain_text(string sample, string name)
    {
        AssertRefused(FileTypeErrorCodes.NotAllowed, await Decide(name, Samples[sample](), declaredType: "text/plain"));
    }

    [Fact]
    public async Task Office_97_2003_files_are_told_apart_by_their_streams_not_their_names()
    {
        Assert.Equal(FileTypes.Doc, (await Decide("Surat", CompoundFiles.WordDocument)).Type);
        // An embedded sheet lives in a storage below the root; it does not make the document a workbook.
        var embedded = CompoundFiles.With(("WordDocument", false), ("1Table", false), ("ObjectPool", true), ("ObjectPool/_1234", true),
            ("ObjectPool/_1234/Workbook", false));
        Assert.Equal(FileTypes.Doc, (await Decide("Surat.doc", embedded)).Type);
    }

    [Theory]
    [InlineData("Pemasang.doc", "installer")]
    [InlineData("Surat.doc", "macros")]
    [InlineData("Data.xls", "macros")]
    [InlineData("Sulit.docx", "password")]
    public async Task Compound_files_that_are_not_plain_office_documents_are_refused(string name, string why)
    {
        var file = why switch
        {
            // The streams of an msi have names encoded by Windows Installer, none of them Office's.
            "installer" => CompoundFiles.With(("\u4840\u3F3F\u4577\u6C6C", false), ("\u4840\u4559\u44F2\u4568\u4337", false)),
            "macros" when name.EndsWith(".doc", StringComparison.Ordinal) => CompoundFiles.With(("WordDocument", false), ("Macros", true), ("Macros/VBA", true)),
            "macros" => CompoundFiles.With(("Workbook", false), ("_VBA_PROJECT_CUR", true)),
            _ => CompoundFiles.With(("EncryptionInfo", false), ("EncryptedPackage", false), ("\u0006DataSpaces", true)),
        };
        var verdict = await Decide(name, file);
        AssertRefused(FileTypeErrorCodes.NotAllowed, verdict);
        Assert.Contains(why == "installer" ? "not a Word, Excel or PowerPoint" : why, verdict.Reason);
    }

    [Theory]
    [InlineData("nota suara", "audio/webm;codecs=opus", "audio/webm")]
    [InlineData("nota suara.webm", "audio/webm;codecs=opus", "audio/webm")]
    [InlineData("nota suara.weba", null, "audio/webm")]
    [InlineData("nota suara.webm", null, "video/webm")]
    public async Task A_voice_note_from_MediaRecorder_is_audio_webm(string name, string? declared, string contentType)
    {
        var verdict = await Decide(name, SampleFiles.Webm, declared);
        Assert.True(verdict.Accepted, verdict.Reason);
        Assert.Equal(contentType, verdict.Type.ContentType);
    }

    [Theory]
    [InlineData("rakaman.mp4", "audio/mp4", "audio/mp4")]
    [InlineData("rakaman.mp4", "video/mp4", "video/mp4")]
    [InlineData("rakaman.mp4", null, "video/mp4")]
    [InlineData("rakaman.m4a", "video/mp4", "audio/mp4")] // the name fits only one reading, so the declared type has no say
    [InlineData("rakaman.m4v", "audio/mp4", "video/mp4")]
    [InlineData("rakaman", "audio/mp4", "audio/mp4")]
    public async Task The_declared_type_only_chooses_between_audio_and_video_when_the_bytes_and_name_fit_both(string name, string? declared, string contentType)
    {
        var verdict = await Decide(name, Samples["mp4"](), declared);
        Assert.True(verdict.Accepted, verdict.Reason);
        Assert.Equal(contentType, verdict.Type.ContentType);
    }

    [Fact]
    public async Task The_declared_type_never_decides()
    {
        Assert.Equal(FileTypes.Png, (await Decide("foto.png", SampleFiles.Png, "application/pdf")).Type);
        Assert.Equal(FileTypes.Pdf, (await Decide("Laporan.pdf", SampleFiles.Pdf, "video/mp4")).Type);
        AssertRefused(FileTypeErrorCodes.NotAllowed, await Decide("Laporan.pdf", SampleFiles.Html, "application/pdf"));
    }

    [Theory]
    [InlineData("Laporan", "Laporan.pdf")]
    [InlineData("Laporan v2.1", "Laporan v2.1.pdf")]
    [InlineData("Minit 12.03.2026", "Minit 12.03.2026.pdf")]
    public async Task A_name_without_an_extension_takes_the_type_of_the_bytes_and_its_extension_on_download(string name, string download)
    {
        var verdict = await Decide(name, SampleFiles.Pdf);
        Assert.Equal(FileTypes.Pdf, verdict.Type);
        Assert.Equal(download, FileNames.ForDownload(name, verdict.Type!));
    }

    [Fact]
    public async Task Text_in_utf8_or_utf16_with_a_byte_order_mark_is_plain_text_in_its_charset()
    {
        var malay = "Selamat pagi, Encik Zulkiflī. Mesyuarat di kafé esok.\r\n";
        Assert.Equal(FileTypes.Text, (await Decide("nota.txt", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(malay)])).Type);
        Assert.Equal(FileTypes.Utf16Text, (await Decide("nota.txt", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(malay)])).Type);
        Assert.Equal(FileTypes.Utf16Text, (await Decide("nota.txt", [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(malay)])).Type);
    }

    [Fact]
    public async Task Text_cut_in_the_middle_of_a_character_by_the_sample_is_still_text()
    {
        // "ā" is two bytes; after one ASCII byte, the 8 KiB sample ends half-way through one.
        var text = Encoding.UTF8.GetBytes("a" + new string('ā', FileTypeSniffer.HeadLength));
        Assert.Equal(FileTypes.Text, (await Decide("panjang.txt", text)).Type);
        // The same cut at the real end of the file is broken UTF-8.
        AssertRefused(FileTypeErrorCodes.NotAllowed, await Decide("pendek.txt", text[..10]));
    }

    [Theory]
    [InlineData(new byte[] { (byte)'a', 0, (byte)'b', 0 })]
    [InlineData(new byte[] { (byte)'n', (byte)'o', 0x1B, (byte)'[', (byte)'m' })]
    [InlineData(new byte[] { (byte)'c', (byte)'a', (byte)'f', 0xE9 })] // Windows-1252, not UTF-8
    [InlineData(new byte[] { 0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0, 3 })] // gzip
    [InlineData(new byte[] { (byte)'R', (byte)'a', (byte)'r', (byte)'!', 0x1A, 0x07, 0x01, 0x00 })]
    public async Task Bytes_that_are_nothing_on_the_allowlist_are_refused(byte[] bytes)
    {
        AssertRefused(FileTypeErrorCodes.NotAllowed, await Decide("fail.txt", bytes));
    }

    [Fact]
    public async Task An_empty_file_is_refused()
    {
        var verdict = await Decide("kosong.txt", []);
        AssertRefused(FileTypeErrorCodes.NotAllowed, verdict);
        Assert.Equal("The file is empty.", verdict.Reason);
    }

    [Fact]
    public async Task Only_the_head_and_the_zip_directory_are_read()
    {
        var large = new byte[4 * 1024 * 1024];
        new Random(15).NextBytes(large);
        var pdf = new CountingStream([.. SampleFiles.Pdf, .. large]);
        Assert.True((await FileTypeSniffer.Decide("Besar.pdf", null, pdf, CancellationToken.None)).Accepted);
        Assert.Equal(FileTypeSniffer.HeadLength, pdf.BytesRead);

        var docx = new CountingStream(SampleFiles.Zip(
            ("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"), ("word/media/image1.png", Encoding.Latin1.GetString(large))));
        Assert.Equal(FileTypes.Docx, (await FileTypeSniffer.Decide("Besar.docx", null, docx, CancellationToken.None)).Type);
        Assert.InRange(docx.BytesRead, 1, 64 * 1024);
    }

    private static Task<FileTypeVerdict> Decide(string name, byte[] bytes, string? declaredType = null) =>
        FileTypeSniffer.Decide(name, declaredType, new CountingStream(bytes), CancellationToken.None);

    private static void AssertRefused(string code, FileTypeVerdict verdict)
    {
        Assert.False(verdict.Accepted, $"accepted as {verdict.Type?.ContentType}");
        Assert.Equal(code, verdict.Code);
        Assert.False(string.IsNullOrWhiteSpace(verdict.Reason));
    }
}
