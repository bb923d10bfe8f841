namespace GoChat.Gateway.Hubs;

/// <summary>Ids travel as strings so that a malformed one gets INVALID_ARGUMENT instead of a binding failure.</summary>
public sealed record SendMessageInput(string ConversationId, string ClientMessageId, string Text, long? ReplyToSeq = null);

/// <param name="LastSeqs">The last seq the client holds per conversation id; those it lists get exactly what they missed.</param>
public sealed record SyncInput(Dictionary<string, long>? LastSeqs = null);

public sealed record SyncResult(IReadOnlyList<ConversationSummary> Conversations, PresenceInfo Presence, UserSettings Settings);
