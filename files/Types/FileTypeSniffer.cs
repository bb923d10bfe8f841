namespace GoChat.Files.Types;

/// <summary>
/// Decides what an uploaded file is (issue 15) from its bytes, against the allowlist in <see cref="FileTypes"/>, and
/// refuses it when its name says otherwise. The name and the declared type are what the sender's machine claims; the
/// bytes are what the reader's machine will open.
/// </summary>
public static class FileTypeSniffer
{
    /// <summary>How much of the file is read for signatures and the plain-text check.</summary>
    public const int HeadLength = 8 * 1024;

    /// <param name="fileName">The name the file was uploaded with; sanitised here as it will be shown.</param>
    /// <param name="declaredType">The content type the client declared, if any.</param>
    /// <param name="content">The whole stored file: seekable, read-only. Only its head is read, and for zip-based and OLE
    /// files their directory. Its position is left wherever the last read ended.</param>
    public static async Task<FileTypeVerdict> Decide(string fileName, string? declaredType, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!content.CanSeek || !content.CanRead) throw new ArgumentException("The content must be a readable, seekable stream.", nameof(content));

        // Nothing in an empty file can be checked, and an empty attachment is nearly always a failed export or copy; saying
        // so to the sender beats the reader opening an empty "report.pdf".
        if (content.Length == 0) return FileTypeVerdict.Refuse(FileTypeErrorCodes.NotAllowed, "The file is empty.");

        var head = new byte[(int)Math.Min(HeadLength, content.Length)];
        var read = await content.ReadAt(0, head, cancellationToken);
        if (read < head.Length) throw new EndOfStreamException("The stored file is shorter than its length.");

        var sniffed = await Sniff(head, content, cancellationToken);
        if (sniffed.Refusal is { } refusal) return FileTypeVerdict.Refuse(FileTypeErrorCodes.NotAllowed, refusal);

        var extension = FileNames.Extension(fileName);
        var type = Choose(sniffed.Candidates, extension, declaredType);
        return Agree(type, extension);
    }

    private static async Task<Sniffed> Sniff(byte[] head, Stream content, CancellationToken cancellationToken)
    {
        var whole = head.Length == content.Length;
        return Executables.Match(head)
            ?? Signatures.Match(head)
            ?? IsoMedia.Match(head)
            ?? Matroska.Match(head)
            ?? (ZipContainer.IsZip(head) ? await ZipContainer.Sniff(head, content, cancellationToken) : null)
            ?? (head.AsSpan().StartsWith(CompoundFile.Signature) ? await CompoundFile.Sniff(head, content, cancellationToken) : null)
            ?? PlainText.Match(head, whole)
            ?? Sniffed.Unrecognised;
    }

    /// <summary>
    /// Chooses between the types the bytes fit (audio or video, for WebM, Matroska, MP4 and 3GP). The name decides when
    /// only one of them allows it; otherwise the declared type does. The declared type is used for nothing else: any
    /// client can declare any type, so it may only choose between readings of the bytes that are each safe, never add a
    /// reading the bytes do not support. A MediaRecorder voice note is a blob declared audio/webm, often without a name.
    /// </summary>
    private static FileType Choose(IReadOnlyList<FileType> candidates, string extension, string? declaredType)
    {
        if (candidates.Count == 1) return candidates[0];
        var named = candidates.Where(t => t.Allows(extension)).ToList();
        if (named.Count == 1) return named[0];
        var pool = named.Count > 1 ? named : candidates;
        var declared = DeclaredCategory(declaredType);
        return pool.FirstOrDefault(t => t.Category == declared) ?? pool[0];
    }

    private static FileCategory? DeclaredCategory(string? declaredType)
    {
        var media = declaredType?.Split(';', 2)[0].Trim();
        if (media is null) return null;
        if (media.StartsWith("audio/", StringComparison.OrdinalIgnoreCase)) return FileCategory.Audio;
        if (media.StartsWith("video/", StringComparison.OrdinalIgnoreCase)) return FileCategory.Video;
        return null;
    }

    private static FileTypeVerdict Agree(FileType type, string extension)
    {
        // A name without an extension gets the type's own when downloaded (FileNames.ForDownload). So does one whose
        // "extension" is only digits: "Laporan v2.1" and "Minit 12.03.2026" are names with dots, not types.
        if (extension.Length == 0 || extension.All(char.IsAsciiDigit) || type.Allows(extension)) return FileTypeVerdict.Accept(type);

        // The reader's machine opens a download by its extension, so a harmless text named .bat or .js is a script there.
        if (!FileTypes.IsAllowedExtension(extension))
            return FileTypeVerdict.Refuse(FileTypeErrorCodes.NotAllowed,
                $"Files named .{extension} cannot be sent. The file is {type.Description}; name it .{type.CanonicalExtension}.");
        return FileTypeVerdict.Refuse(FileTypeErrorCodes.Mismatch,
            $"The file is named .{extension} but it is {type.Description}. Name it .{type.CanonicalExtension} or send the right file.");
    }
}
