using System.ComponentModel.DataAnnotations;
using Orleans.Configuration;

namespace GoChat.Silo;

/// <summary>
/// How fast the silos notice that one of them died, and how long a grain call may wait. Section "Membership".
/// The defaults declare a killed silo dead in about ProbeSeconds × MissedProbes (≈ 6 s) on a data-centre
/// network; Orleans' own defaults take 15–30 s. The cluster script and the fault tests set faster values.
/// </summary>
public sealed class MembershipOptions
{
    public const string Section = "Membership";

    /// <summary>Period and initial timeout of the liveness probes between silos (ClusterMembershipOptions.ProbeTimeout).</summary>
    [Range(0.2, 60)] public double ProbeSeconds { get; set; } = 2;

    /// <summary>Missed probes after which a silo votes its peer dead (NumMissedProbesLimit).</summary>
    [Range(1, 10)] public int MissedProbes { get; set; } = 3;

    /// <summary>Votes that declare a silo dead (NumVotesForDeathDeclaration); at most the silos that probe it.</summary>
    [Range(1, 10)] public int VotesForDeath { get; set; } = 2;

    /// <summary>How often each silo reads the membership table (TableRefreshTimeout); gossip usually tells it sooner.</summary>
    [Range(0.5, 600)] public double TableRefreshSeconds { get; set; } = 10;

    /// <summary>How often a silo writes its heartbeat into the table (IAmAliveTablePublishTimeout).</summary>
    [Range(1, 600)] public double IAmAliveSeconds { get; set; } = 30;

    /// <summary>How long a grain call waits for its answer before failing (SiloMessagingOptions.ResponseTimeout).</summary>
    [Range(1, 600)] public double ResponseTimeoutSeconds { get; set; } = 30;

    public void ApplyTo(ClusterMembershipOptions o)
    {
        o.ProbeTimeout = TimeSpan.FromSeconds(ProbeSeconds);
        o.NumMissedProbesLimit = MissedProbes;
        o.NumVotesForDeathDeclaration = VotesForDeath;
        o.TableRefreshTimeout = TimeSpan.FromSeconds(TableRefreshSeconds);
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(IAmAliveSeconds);
    }

    public static MembershipOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<MembershipOptions>() ?? new MembershipOptions();
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        return options;
    }
}
