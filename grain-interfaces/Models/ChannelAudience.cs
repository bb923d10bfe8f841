namespace GoChat.GrainInterfaces.Models;

/// <summary>Who a channel is for: its audience subscribes (optional channels) or is enrolled (mandatory ones).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ChannelAudience>))]
public enum ChannelAudience
{
    /// <summary>The staff of the agency that owns the channel.</summary>
    OwnAgency = 0,
    /// <summary>The staff of the agencies the channel names (the owning agency among them).</summary>
    Agencies = 1,
    /// <summary>Every user of the platform.</summary>
    Everyone = 2,
}
