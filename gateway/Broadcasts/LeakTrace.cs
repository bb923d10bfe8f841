namespace GoChat.Gateway.Broadcasts;

/// <summary>What a leak trace found: the broadcast and the person whose copy it is, or that nothing was found.</summary>
/// <param name="Method">Where the mark was read: "text" (the invisible code), "code" (the overlay's code, typed or read off a screenshot) or "image".</param>
/// <param name="Recipients">Everyone whose mark the copy carries, most supported first: two when copies were combined.</param>
/// <param name="MarksRead">Distinct marks recovered from the copy (each checked against every possible recipient).</param>
/// <param name="FalseMatchBound">The chance that any comparison made matched a wrong person: comparisons × 2⁻⁶⁴.</param>
public sealed record LeakTrace(
    bool Found,
    string Method,
    MarkedBroadcast? Broadcast,
    IReadOnlyList<LeakRecipient> Recipients,
    int MarksRead,
    double FalseMatchBound,
    string Message);

/// <param name="Evidence">How many of the recovered marks name this person.</param>
public sealed record LeakRecipient(Guid UserId, string? DisplayName, string? Email, int Evidence);
