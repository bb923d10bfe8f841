namespace GoChat.GrainInterfaces.Models;

/// <summary>
/// What a user's conversation list grain takes from the user grain when it activates: (once) the conversation list
/// that releases before issue 13 kept in the user grain's state. Id 0, the read receipts setting, is retired: the
/// profile grain holds the settings now.
/// </summary>
[GenerateSerializer, Immutable, Alias("gochat.conversation-list-seed")]
public sealed record ConversationListSeed(
    [property: Id(1)] IReadOnlyList<LegacyConversation> Legacy);

/// <summary>One conversation of a list kept in user grain state before issue 13.</summary>
[GenerateSerializer, Immutable, Alias("gochat.legacy-conversation")]
public sealed record LegacyConversation(
    [property: Id(0)] Guid ConversationId,
    [property: Id(1)] ConversationKind Kind,
    [property: Id(2)] Guid? PeerUserId,
    [property: Id(3)] long JoinedSeq,
    [property: Id(4)] long DeliveredSeq,
    [property: Id(5)] long ReadSeq);
