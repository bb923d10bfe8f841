namespace GoChat.Grains.Channels;

/// <summary>A channel's settings and its admins. Its subscribers are rows of gochat_cursors, never here.</summary>
[GenerateSerializer, Alias("gochat.ChannelState")]
public sealed class ChannelState
{
    [Id(0)] public Guid AgencyId { get; set; }
    [Id(1)] public string Name { get; set; } = "";
    [Id(2)] public string? Description { get; set; }
    [Id(3)] public ChannelAudience Audience { get; set; }
    /// <summary>For an audience of agencies: the owner's first, then the others.</summary>
    [Id(4)] public List<Guid> Agencies { get; set; } = [];
    [Id(5)] public bool Mandatory { get; set; }
    [Id(6)] public HashSet<Guid> Admins { get; set; } = [];
    [Id(7)] public DateTimeOffset CreatedAt { get; set; }
    [Id(8)] public long PhotoVersion { get; set; }
}
