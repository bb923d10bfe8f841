namespace GoChat.Grains.Users;

[GenerateSerializer, Alias("gochat.UserState")]
public sealed class UserState
{
    [Id(0)] public string? Handle { get; set; }
    [Id(1)] public string? DisplayName { get; set; }
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Legacy (before the profile grain), as <see cref="Position"/>.</summary>
    [Id(3)] public UserSettings Settings { get; set; } = new();
    /// <summary>
    /// Legacy (before issue 13): the list now lives in gochat_cursors. Still read so that an account stored by an
    /// earlier release hands it over once (<see cref="UserConversationsGrain"/> imports it, then it is cleared); the
    /// next release can drop it. Never written to otherwise.
    /// </summary>
    [Id(4)] public Dictionary<Guid, UserConversationState> Conversations { get; set; } = [];
    [Id(5)] public DateTimeOffset? LastSeen { get; set; }
    [Id(6)] public string? Email { get; set; }
    [Id(7)] public Guid? AgencyId { get; set; }
    [Id(8)] public bool IsExternal { get; set; }
    [Id(9)] public UserRole Role { get; set; }
    [Id(10)] public AccountStatus Status { get; set; }
    [Id(11)] public int SessionEpoch { get; set; }
    [Id(12)] public Dictionary<Guid, DeviceState> Devices { get; set; } = [];
    /// <summary>
    /// Legacy (before the profile grain), with <see cref="Department"/>, <see cref="StatusText"/>,
    /// <see cref="Availability"/>, <see cref="PhotoVersion"/> and <see cref="Settings"/>: the profile and settings now
    /// live in <see cref="ProfileState"/>. Still read so that an account stored by an earlier release hands them over
    /// once (<see cref="ProfileGrain"/> imports them when it has no record of its own); the next release can drop
    /// them. Never written to otherwise.
    /// </summary>
    [Id(13)] public string? Position { get; set; }
    [Id(14)] public string? Department { get; set; }
    [Id(15)] public string? StatusText { get; set; }
    [Id(16)] public Availability Availability { get; set; }
    [Id(17)] public long PhotoVersion { get; set; }
    [Id(18)] public ExternalPermissions ExternalPermissions { get; set; } = new(CanCreateGroups: false, CanSeeAllAgencies: false);
}
