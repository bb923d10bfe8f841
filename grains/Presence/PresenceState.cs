namespace GoChat.Grains.Presence;

/// <summary>
/// The one thing of presence that outlives an activation: when the user was last seen. Everything else (connections,
/// attached and watching gateways) is rebuilt by the gateways' lease renewals.
/// </summary>
[GenerateSerializer, Alias("gochat.PresenceState")]
public sealed class PresenceState
{
    [Id(0)] public DateTimeOffset? LastSeen { get; set; }
}
