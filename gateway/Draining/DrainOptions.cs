using System.ComponentModel.DataAnnotations;

namespace GoChat.Gateway.Draining;

/// <summary>Section "Drain": what a gateway does between SIGTERM and stopping (see <see cref="ConnectionDrain"/>).</summary>
public sealed class DrainOptions
{
    public const string Section = "Drain";

    /// <summary>How long the gateway answers "not ready" before it starts closing connections, so load balancers stop sending new ones.</summary>
    [Range(0, 120)] public double ReadinessGraceSeconds { get; set; } = 5;

    /// <summary>How long it waits, in all, for connections to fall idle and close; what is left then is cut by the host's shutdown.</summary>
    [Range(0, 600)] public double TimeoutSeconds { get; set; } = 20;

    /// <summary>How long a client told to move (<see cref="Hubs.IChatClient.Draining"/>) has to leave by itself before it is disconnected.</summary>
    [Range(0, 120)] public double ClientMoveSeconds { get; set; } = 3;

    /// <summary>A connection is closed once no hub call of it has run for this long (its last answer has gone out).</summary>
    [Range(0, 5000)] public int QuietMilliseconds { get; set; } = 50;
}
