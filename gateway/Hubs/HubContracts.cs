using GoChat.GrainInterfaces;

namespace GoChat.Gateway.Hubs;

/// <summary>Ids travel as strings so that a malformed one gets INVALID_ARGUMENT instead of a binding failure.</summary>
/// <param name="Mentions">User ids of the members the text mentions (issue 14); each must be a member.</param>
public sealed record SendMessageInput(string ConversationId, string ClientMessageId, string Text, long? ReplyToSeq = null, string[]? Mentions = null);

/// <param name="LastSeqs">The last seq the client holds per conversation id; those it lists get exactly what they missed.</param>
public sealed record SyncInput(Dictionary<string, long>? LastSeqs = null);

/// <param name="Conversations">The first page of the conversation list, newest activity first (<see cref="ChatHub.GetConversationPage"/> for more).</param>
/// <param name="NextCursor">Where the next page starts; null when the first page holds every conversation.</param>
/// <param name="Removed">Conversations the client listed in its last seqs that the user is no longer in.</param>
/// <param name="MaxTextLength">The longest message text (<see cref="Limits.MaxTextLength"/>): a client shows it before sending.</param>
public sealed record SyncResult(IReadOnlyList<ConversationSummary> Conversations, PresenceInfo Presence, UserSettings Settings,
    string? NextCursor = null, IReadOnlyList<Guid>? Removed = null, int MaxTextLength = Limits.MaxTextLength);
