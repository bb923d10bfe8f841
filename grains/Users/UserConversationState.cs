namespace GoChat.Grains.Users;

/// <summary>
/// Legacy (before issue 13): one conversation of the list kept in user state, read only to move it to gochat_cursors
/// (see <see cref="UserState.Conversations"/>). Its cursors stay readable for that one move.
/// </summary>
[GenerateSerializer, Alias("gochat.UserConversationState")]
public sealed class UserConversationState
{
    [Id(0)] public ConversationKind Kind { get; set; }
    [Id(1)] public Guid? PeerUserId { get; set; }
    [Id(2)] public long JoinedSeq { get; set; }
    [Id(3)] public long DeliveredSeq { get; set; }
    [Id(4)] public long ReadSeq { get; set; }
}
