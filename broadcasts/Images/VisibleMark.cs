namespace GoChat.Broadcasts.Images;

/// <summary>The visible overlay's two lines, e.g. the recipient's name and "ID 1234 · 2026-12-04 10:15".</summary>
public sealed record VisibleMark(string Line1, string Line2);
