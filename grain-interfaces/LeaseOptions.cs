using System.ComponentModel.DataAnnotations;

namespace GoChat.GrainInterfaces;

/// <summary>
/// Section "Leases", read by silos and gateways alike: how long a gateway's subscription (to a conversation, a
/// user's events, a user's presence) and a connection's presence last unless renewed. Gateways renew at a third
/// of it, so two renewals can fail before anything lapses; a gateway that dies is forgotten after at most this.
/// </summary>
public sealed class LeaseOptions
{
    public const string Section = "Leases";

    [Range(3, 3600)] public double Seconds { get; set; } = 180;

    public TimeSpan Lease => TimeSpan.FromSeconds(Seconds);

    public TimeSpan RenewEvery => Lease / 3;
}
