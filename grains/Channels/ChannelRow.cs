namespace GoChat.Grains.Channels;

/// <summary>A channel as gochat_channels holds it: what the directory searches and registration enrols by.</summary>
public sealed record ChannelRow(
    Guid Id,
    Guid AgencyId,
    string Name,
    string? Description,
    ChannelAudience Audience,
    IReadOnlyList<Guid> Agencies,
    bool Mandatory,
    Guid CreatedBy,
    DateTimeOffset CreatedAt);
