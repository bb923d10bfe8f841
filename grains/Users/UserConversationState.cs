namespace GoChat.Grains.Users;

/// <summary>The user's own view of one conversation: enough to list it and count unread without asking the conversation.</summary>
[GenerateSerializer, Alias("gochat.UserConversationState")]
public sealed class UserConversationState
{
    [Id(0)] public ConversationKind Kind { get; set; }
    [Id(1)] public Guid? PeerUserId { get; set; }
    [Id(2)] public long JoinedSeq { get; set; }
    [Id(3)] public long DeliveredSeq { get; set; }
    [Id(4)] public long ReadSeq { get; set; }
}
