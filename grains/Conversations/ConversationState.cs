namespace GoChat.Grains.Conversations;

/// <summary>Conversation metadata only. The messages live in the message log, never here.</summary>
[GenerateSerializer, Alias("gochat.ConversationState")]
public sealed class ConversationState
{
    [Id(0)] public ConversationKind Kind { get; set; }
    [Id(1)] public string? Name { get; set; }
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }
    [Id(3)] public Dictionary<Guid, MemberState> Members { get; set; } = [];

    /// <summary>
    /// Members whose conversation list does not show this one yet: the peer of a direct chat until its first message,
    /// so that opening a chat with someone puts nothing in their list.
    /// </summary>
    [Id(4)] public HashSet<Guid> Unlisted { get; set; } = [];

    /// <summary>A group's description, as group info shows it; null when there is none.</summary>
    [Id(5)] public string? Description { get; set; }

    /// <summary>The group photo's version in gochat_group_photos; 0 when there is none.</summary>
    [Id(6)] public long PhotoVersion { get; set; }
}
