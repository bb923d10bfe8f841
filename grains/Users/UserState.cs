namespace GoChat.Grains.Users;

[GenerateSerializer, Alias("gochat.UserState")]
public sealed class UserState
{
    [Id(0)] public string? Handle { get; set; }
    [Id(1)] public string? DisplayName { get; set; }
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }
    [Id(3)] public UserSettings Settings { get; set; } = new();
    [Id(4)] public Dictionary<Guid, UserConversationState> Conversations { get; set; } = [];
    [Id(5)] public DateTimeOffset? LastSeen { get; set; }
}
