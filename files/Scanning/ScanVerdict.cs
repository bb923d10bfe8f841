namespace GoChat.Files.Scanning;

/// <summary>
/// A scan's result. <paramref name="Detail"/> is the signature's name when <see cref="ScanOutcome.Infected"/>,
/// the scanner's reason when <see cref="ScanOutcome.Unscannable"/>, what went wrong when
/// <see cref="ScanOutcome.Failed"/>, and null for a clean file.
/// </summary>
public sealed record ScanVerdict(ScanOutcome Outcome, string? Detail)
{
    public static ScanVerdict Clean { get; } = new(ScanOutcome.Clean, null);
}
