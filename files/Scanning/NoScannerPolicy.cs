namespace GoChat.Files.Scanning;

/// <summary>What happens to uploads when no malware scanner is configured (Files:Scanning:WhenNoScanner).</summary>
public enum NoScannerPolicy
{
    /// <summary>Every file stays quarantined (verdict Failed) until a scanner is configured. The default outside Development.</summary>
    Refuse,

    /// <summary>Files are accepted unscanned (verdict NotScanned) and each one is logged as a warning. The default in Development.</summary>
    AcceptWithWarning,
}
