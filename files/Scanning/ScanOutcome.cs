namespace GoChat.Files.Scanning;

public enum ScanOutcome : short
{
    Clean = 0,
    Infected = 1,
    Unscannable = 2,
    Failed = 3,
    NotScanned = 4,
}
