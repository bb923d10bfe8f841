using Microsoft.Extensions.Logging;

namespace GoChat.Files.Scanning;

/// <summary>The scanners' log lines. The caller's scope carries the file id; these say what the scanner made of the bytes.</summary>
internal static partial class ScanningLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "clamd at {Endpoint} found {Bytes} bytes clean in {ElapsedMs:F0} ms")]
    public static partial void ScanClean(this ILogger logger, string endpoint, long bytes, double elapsedMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "clamd at {Endpoint} found {Signature} in {Bytes} bytes; the file is refused")]
    public static partial void ScanInfected(this ILogger logger, string endpoint, string? signature, long bytes);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "clamd at {Endpoint} would not vouch for {Bytes} bytes ({Reason}); the file is refused")]
    public static partial void ScanUnscannable(this ILogger logger, string endpoint, string? reason, long bytes);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Scan by clamd at {Endpoint} failed after {Bytes} bytes sent: {Reason} The file stays quarantined")]
    public static partial void ScanFailed(this ILogger logger, string endpoint, string? reason, long bytes);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "No malware scanner is configured (" + ClamdOptions.Section + "); a file was accepted unscanned because " + ScanningOptions.Section + ":WhenNoScanner is AcceptWithWarning")]
    public static partial void AcceptedUnscanned(this ILogger logger);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "No malware scanner is configured (" + ClamdOptions.Section + "); a file stays quarantined because " + ScanningOptions.Section + ":WhenNoScanner is Refuse")]
    public static partial void RefusedUnscanned(this ILogger logger);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "clamd at {Endpoint} did not answer a ping: {Reason}")]
    public static partial void PingFailed(this ILogger logger, string endpoint, string reason);
}
