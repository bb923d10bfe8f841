namespace GoChat.GrainInterfaces.Models;

/// <summary>A conversation of the user and the last seq its log holds: what a reconnect compares with what a client has.</summary>
[GenerateSerializer, Immutable, Alias("gochat.conversation-head")]
public sealed record ConversationHead(
    [property: Id(0)] Guid ConversationId,
    [property: Id(1)] long LastSeq);
