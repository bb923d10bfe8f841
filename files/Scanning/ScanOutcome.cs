namespace GoChat.Files.Scanning;

/// <summary>What a scan concluded, and so what happens to the file.</summary>
public enum ScanOutcome
{
    /// <summary>Scanned to its end, nothing matched: the file may be released.</summary>
    Clean,

    /// <summary>A signature matched (the verdict's Detail names it): the file is refused.</summary>
    Infected,

    /// <summary>
    /// The scanner would not vouch for the file: over its size or recursion limits, or an encrypted archive or document
    /// it cannot look inside. The file is refused; scanning it again would give the same answer.
    /// </summary>
    Unscannable,

    /// <summary>
    /// The scanner gave no verdict: not reachable, too slow, an error or a reply it should not have sent. The file
    /// stays quarantined and is scanned again later.
    /// </summary>
    Failed,

    /// <summary>No scanner is configured and policy (Files:Scanning:WhenNoScanner) accepts files unscanned.</summary>
    NotScanned,
}
