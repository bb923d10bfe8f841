using System.ComponentModel.DataAnnotations;

namespace GoChat.Files;

/// <summary>
/// Section "Files", read by gateways (limits, chunking, links) and silos (expiry, sweeping) alike: how large an upload may
/// be, how it is stored, how long an unsent one is kept, how long a download link lives.
/// </summary>
public sealed class FilesOptions
{
    public const string Section = "Files";

    /// <summary>The largest file anyone may upload (100 MB by default); refused before a byte is stored. Give clamd the same limits.</summary>
    [Range(1, 4L * 1024 * 1024 * 1024)] public long MaxUploadBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>How long an upload that was never sent keeps its bytes.</summary>
    [Range(1, 24 * 30)] public int UploadHours { get; set; } = 24;

    /// <summary>How often expired uploads and files no message uses any more are freed, and stalled checks resumed.</summary>
    [Range(1, 86_400)] public int SweepSeconds { get; set; } = 300;

    /// <summary>A check that has not finished after this long (its silo died, the scanner was down) is run again.</summary>
    [Range(5, 86_400)] public int RecheckSeconds { get; set; } = 120;

    /// <summary>
    /// Whether client-encrypted files (secret chats) are taken at all. Off by default: the server cannot scan
    /// ciphertext, so allowing them is the agency's decision to let unscanned files reach its staff.
    /// </summary>
    public bool AllowEncryptedFiles { get; set; }

    /// <summary>An upload is stored a chunk of this many bytes at a time: what a gateway holds per upload in flight.</summary>
    [Range(64 * 1024, 16 * 1024 * 1024)] public int ChunkBytes { get; set; } = 1024 * 1024;

    /// <summary>How long a download link works. Short: it is a bearer of access, bound to its user but still copyable.</summary>
    [Range(1, 24 * 60)] public int LinkMinutes { get; set; } = 10;
}
