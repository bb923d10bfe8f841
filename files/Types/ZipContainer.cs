using System.IO.Compression;
using System.Text;

namespace GoChat.Files.Types;

/// <summary>
/// Zip is the container of Office Open XML, OpenDocument, Java and Android archives, Windows app packages and plain zip
/// archives alike, so a zip is told apart by the names in its central directory; no entry is decompressed.
/// </summary>
internal static class ZipContainer
{
    private const string OpenDocumentPrefix = "application/vnd.oasis.opendocument.";

    public static bool IsZip(ReadOnlySpan<byte> head) => head.StartsWith("PK\u0003\u0004"u8) || head.StartsWith("PK\u0005\u0006"u8);

    public static async Task<Sniffed> Sniff(byte[] head, Stream content, CancellationToken cancellationToken)
    {
        ZipArchive zip;
        try
        {
            zip = await ZipArchive.CreateAsync(content, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        }
        catch (InvalidDataException)
        {
            return Sniffed.NotAllowed("The file starts like a zip archive but its directory cannot be read; it may be damaged.");
        }
        await using (zip)
        {
            // Zip tools on Windows sometimes write '\' between folders; Java and Office read either.
            var names = zip.Entries.Select(e => e.FullName.Replace('\\', '/')).ToList();
            return Java(names) ?? await OpenDocument(head, zip, names, cancellationToken) ?? OfficeOpenXml(names) ?? Sniffed.As(FileTypes.Zip);
        }
    }

    // A jar runs with a double click wherever Java is installed, and an APK installs on Android; a zip that is one of them
    // is refused however it is named, and before anything else, so a manifest inside a "docx" does not pass either.
    private static Sniffed? Java(List<string> names)
    {
        if (names.Any(n => n.Equals("AndroidManifest.xml", StringComparison.OrdinalIgnoreCase) || n.Equals("classes.dex", StringComparison.OrdinalIgnoreCase)))
            return Sniffed.NotAllowed("The file is an Android app (APK), and apps cannot be sent.");
        if (names.Any(n => n.Equals("META-INF/MANIFEST.MF", StringComparison.OrdinalIgnoreCase) || n.EndsWith(".class", StringComparison.OrdinalIgnoreCase)))
            return Sniffed.NotAllowed("The file is a Java program (a jar), and programs cannot be sent.");
        return null;
    }

    // OpenDocument puts an uncompressed entry "mimetype" first in the file, so its local header (at offset 0, in the head)
    // names it; its content is read through the archive, which for a stored entry is a plain read.
    private static async Task<Sniffed?> OpenDocument(byte[] head, ZipArchive zip, List<string> names, CancellationToken cancellationToken)
    {
        if (head.Length < 38 || !head.AsSpan(26, 2).SequenceEqual(new byte[] { 8, 0 }) || !head.AsSpan(30, 8).SequenceEqual("mimetype"u8)) return null;
        var entry = zip.GetEntry("mimetype");
        if (entry is null || entry.Length is 0 or > 100) return null;
        var buffer = new byte[entry.Length];
        await using (var stream = await entry.OpenAsync(cancellationToken))
        {
            await stream.ReadExactlyAsync(buffer, cancellationToken);
        }
        var mimetype = Encoding.ASCII.GetString(buffer).Trim();
        if (!mimetype.StartsWith(OpenDocumentPrefix, StringComparison.Ordinal)) return null;

        // LibreOffice keeps Basic macros under Basic/ and other scripts under Scripts/; they run when the document is
        // opened with macros enabled, so they are refused for the reason macro-enabled Office files are.
        if (names.Any(n => n.StartsWith("Basic/", StringComparison.Ordinal) || n.StartsWith("Scripts/", StringComparison.Ordinal)))
            return Sniffed.NotAllowed("The file is an OpenDocument file with macros, and documents with macros cannot be sent. Save it without macros.");
        return mimetype[OpenDocumentPrefix.Length..] switch
        {
            "text" => Sniffed.As(FileTypes.Odt),
            "spreadsheet" => Sniffed.As(FileTypes.Ods),
            "presentation" => Sniffed.As(FileTypes.Odp),
            var other => Sniffed.NotAllowed($"The file is an OpenDocument {other}; only texts, spreadsheets and presentations can be sent."),
        };
    }

    private static Sniffed? OfficeOpenXml(List<string> names)
    {
        if (!names.Contains("[Content_Types].xml", StringComparer.Ordinal)) return null;

        // Macro-enabled files (docm, xlsm, pptm, or one renamed to docx) carry their VBA project as vbaProject.bin. Macros
        // are programs that run inside Office, and a macro document is the most common way malware arrives by mail.
        if (names.Any(n => n.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
            return Sniffed.NotAllowed("The file is an Office document with macros, and documents with macros cannot be sent. Save it as .docx, .xlsx or .pptx.");
        if (names.Any(n => n.StartsWith("word/", StringComparison.Ordinal))) return Sniffed.As(FileTypes.Docx);
        if (names.Any(n => n.StartsWith("xl/", StringComparison.Ordinal))) return Sniffed.As(FileTypes.Xlsx);
        if (names.Any(n => n.StartsWith("ppt/", StringComparison.Ordinal))) return Sniffed.As(FileTypes.Pptx);

        // The same packaging holds Windows app packages (appx, msix), NuGet and VSIX packages and XPS documents.
        return Sniffed.NotAllowed("The file is a package in Office's format but not a Word, Excel or PowerPoint file (for example an app package).");
    }
}
