namespace GoChat.Files.Scanning;

public sealed record ScanVerdict(ScanOutcome Outcome, string? Detail);
