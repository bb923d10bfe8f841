namespace GoChat.Files.Types;

/// <summary>
/// The allowlist (issue 15): every type GoChat accepts, and nothing else. The content types are the ones files are served
/// with, so a browser never has to guess; text says its charset because a browser left to guess reads UTF-8 Malay as
/// Windows-1252.
/// </summary>
public static class FileTypes
{
    public static readonly FileType Pdf = new("application/pdf", FileCategory.Document, "a PDF document", ["pdf"]);

    public static readonly FileType Docx = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        FileCategory.Document, "a Word document", ["docx"]);
    public static readonly FileType Xlsx = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        FileCategory.Document, "an Excel workbook", ["xlsx"]);
    public static readonly FileType Pptx = new("application/vnd.openxmlformats-officedocument.presentationml.presentation",
        FileCategory.Document, "a PowerPoint presentation", ["pptx"]);

    public static readonly FileType Odt = new("application/vnd.oasis.opendocument.text", FileCategory.Document, "an OpenDocument text", ["odt"]);
    public static readonly FileType Ods = new("application/vnd.oasis.opendocument.spreadsheet", FileCategory.Document, "an OpenDocument spreadsheet", ["ods"]);
    public static readonly FileType Odp = new("application/vnd.oasis.opendocument.presentation", FileCategory.Document, "an OpenDocument presentation", ["odp"]);

    public static readonly FileType Doc = new("application/msword", FileCategory.Document, "a Word 97-2003 document", ["doc"]);
    public static readonly FileType Xls = new("application/vnd.ms-excel", FileCategory.Document, "an Excel 97-2003 workbook", ["xls"]);
    public static readonly FileType Ppt = new("application/vnd.ms-powerpoint", FileCategory.Document, "a PowerPoint 97-2003 presentation", ["ppt"]);

    public static readonly FileType Jpeg = new("image/jpeg", FileCategory.Image, "a JPEG picture", ["jpg", "jpeg", "jpe", "jfif"]);
    public static readonly FileType Png = new("image/png", FileCategory.Image, "a PNG picture", ["png"]);
    public static readonly FileType Gif = new("image/gif", FileCategory.Image, "a GIF picture", ["gif"]);
    public static readonly FileType WebP = new("image/webp", FileCategory.Image, "a WebP picture", ["webp"]);
    // Phones name HEIF pictures .heic whichever brand they carry, so both names fit both.
    public static readonly FileType Heic = new("image/heic", FileCategory.Image, "a HEIC picture", ["heic", "heif"]);
    public static readonly FileType Heif = new("image/heif", FileCategory.Image, "a HEIF picture", ["heif", "heic"]);
    // BMP stays: old Windows tools still save screenshots as BMP, it cannot carry script, and it is recognised by more than
    // its two-byte "BM" (see Signatures.IsBmp), so text that happens to start with "BM" is not taken for a picture.
    public static readonly FileType Bmp = new("image/bmp", FileCategory.Image, "a BMP picture", ["bmp"]);

    public static readonly FileType Mp3 = new("audio/mpeg", FileCategory.Audio, "MP3 audio", ["mp3"]);
    public static readonly FileType Aac = new("audio/aac", FileCategory.Audio, "AAC audio", ["aac"]);
    public static readonly FileType OggAudio = new("audio/ogg", FileCategory.Audio, "Ogg audio", ["ogg", "oga", "opus"]);
    public static readonly FileType Wav = new("audio/wav", FileCategory.Audio, "WAV audio", ["wav"]);
    // Audio-only MP4 is often named .mp4, and plays as such.
    public static readonly FileType Mp4Audio = new("audio/mp4", FileCategory.Audio, "MP4 audio", ["m4a", "m4b", "mp4"]);
    public static readonly FileType ThreeGppAudio = new("audio/3gpp", FileCategory.Audio, "3GP audio", ["3gp", "3gpp"]);
    public static readonly FileType ThreeGpp2Audio = new("audio/3gpp2", FileCategory.Audio, "3G2 audio", ["3g2"]);
    // A voice note from Chromium's MediaRecorder (audio/webm;codecs=opus); .webm first because more players know it.
    public static readonly FileType WebmAudio = new("audio/webm", FileCategory.Audio, "WebM audio", ["webm", "weba"]);
    public static readonly FileType MatroskaAudio = new("audio/x-matroska", FileCategory.Audio, "Matroska audio", ["mka"]);

    public static readonly FileType Mp4Video = new("video/mp4", FileCategory.Video, "an MP4 video", ["mp4", "m4v"]);
    public static readonly FileType QuickTime = new("video/quicktime", FileCategory.Video, "a QuickTime video", ["mov", "qt"]);
    public static readonly FileType ThreeGppVideo = new("video/3gpp", FileCategory.Video, "a 3GP video", ["3gp", "3gpp"]);
    public static readonly FileType ThreeGpp2Video = new("video/3gpp2", FileCategory.Video, "a 3G2 video", ["3g2"]);
    public static readonly FileType WebmVideo = new("video/webm", FileCategory.Video, "a WebM video", ["webm"]);
    public static readonly FileType MatroskaVideo = new("video/x-matroska", FileCategory.Video, "a Matroska video", ["mkv"]);

    private static readonly string[] TextExtensions = ["txt", "text", "csv", "tsv", "md", "markdown", "log", "json", "xml", "yaml", "yml"];
    public static readonly FileType Text = new("text/plain; charset=utf-8", FileCategory.Text, "plain text", TextExtensions);
    public static readonly FileType Utf16Text = new("text/plain; charset=utf-16", FileCategory.Text, "plain text", TextExtensions);

    public static readonly FileType Zip = new("application/zip", FileCategory.Archive, "a zip archive", ["zip"]);

    public static IReadOnlyList<FileType> All { get; } =
    [
        Pdf, Docx, Xlsx, Pptx, Odt, Ods, Odp, Doc, Xls, Ppt,
        Jpeg, Png, Gif, WebP, Heic, Heif, Bmp,
        Mp3, Aac, OggAudio, Wav, Mp4Audio, ThreeGppAudio, ThreeGpp2Audio, WebmAudio, MatroskaAudio,
        Mp4Video, QuickTime, ThreeGppVideo, ThreeGpp2Video, WebmVideo, MatroskaVideo,
        Text, Utf16Text, Zip,
    ];

    private static readonly HashSet<string> AllowedExtensions = All.SelectMany(t => t.Extensions).ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether some type on the allowlist may be named with <paramref name="extension"/> (lower-case, no dot).</summary>
    public static bool IsAllowedExtension(string extension) => AllowedExtensions.Contains(extension);
}
