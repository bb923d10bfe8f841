using System.ComponentModel.DataAnnotations;
using System.Text;

namespace GoChat.Files.Scanning;

/// <summary>
/// Section "Files:Scanning:Clamd": where clamd listens. Set <see cref="Host"/> (and <see cref="Port"/>) or
/// <see cref="UnixSocket"/>; with neither, no scanner is configured and <see cref="ScanningOptions.WhenNoScanner"/> decides.
/// </summary>
public sealed class ClamdOptions : IValidatableObject
{
    public const string Section = "Files:Scanning:Clamd";

    /// <summary>Longest path a Unix socket address holds on Linux (sun_path is 108 bytes with its terminating NUL).</summary>
    private const int MaxUnixSocketPath = 107;

    public string? Host { get; set; }

    [Range(1, 65535, ErrorMessage = "Files:Scanning:Clamd:Port must be between 1 and 65535.")]
    public int Port { get; set; } = 3310;

    /// <summary>clamd's LocalSocket, e.g. /run/clamav/clamd.ctl, when it runs beside this process.</summary>
    public string? UnixSocket { get; set; }

    /// <summary>
    /// The whole scan, from connecting to the verdict. clamd needs seconds for a large archive; past this the verdict
    /// is Failed and the file is tried again later, so a hung clamd never holds an upload's worker for good.
    /// </summary>
    [Range(1, 3600, ErrorMessage = "Files:Scanning:Clamd:TimeoutSeconds must be between 1 and 3600.")]
    public int TimeoutSeconds { get; set; } = 120;

    /// <summary>
    /// Size of the pooled buffer each INSTREAM chunk is sent from: its 4-byte length and then up to ChunkBytes - 4 bytes
    /// of the file. This, not the file's size, is what a scan holds in memory.
    /// </summary>
    [Range(4096, 8 * 1024 * 1024, ErrorMessage = "Files:Scanning:Clamd:ChunkBytes must be between 4096 and 8388608.")]
    public int ChunkBytes { get; set; } = 64 * 1024;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host) || !string.IsNullOrWhiteSpace(UnixSocket);

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    /// <summary>Where scans go, for logs and errors: "host:port" or "unix:/path".</summary>
    public string Endpoint => !string.IsNullOrWhiteSpace(UnixSocket) ? $"unix:{UnixSocket}" : $"{Host}:{Port}";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var unix = !string.IsNullOrWhiteSpace(UnixSocket);
        if (unix && !string.IsNullOrWhiteSpace(Host))
            yield return new ValidationResult("Files:Scanning:Clamd: set Host (with Port) or UnixSocket, not both.", [nameof(Host), nameof(UnixSocket)]);
        if (unix && !Path.IsPathFullyQualified(UnixSocket!))
            yield return new ValidationResult("Files:Scanning:Clamd:UnixSocket must be an absolute path such as /run/clamav/clamd.ctl.", [nameof(UnixSocket)]);
        if (unix && Encoding.UTF8.GetByteCount(UnixSocket!) > MaxUnixSocketPath)
            yield return new ValidationResult($"Files:Scanning:Clamd:UnixSocket is longer than a socket address holds ({MaxUnixSocketPath} bytes).", [nameof(UnixSocket)]);
    }
}
