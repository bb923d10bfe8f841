using System.ComponentModel.DataAnnotations;

namespace GoChat.Gateway.Delivery;

/// <summary>Section "Delivery": how this gateway pushes to its connections (see <see cref="Outbox"/>).</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>
    /// Pushes that may wait for one connection before it counts as unable to keep up and is closed. A client that
    /// reads normally holds a few; 500 lets a burst in a busy group or a brief network stall pass without a resync.
    /// </summary>
    [Range(2, 100_000)] public int OutboxCapacity { get; set; } = 500;
}
