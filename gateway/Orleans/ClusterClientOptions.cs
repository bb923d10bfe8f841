using System.ComponentModel.DataAnnotations;

namespace GoChat.Gateway.Orleans;

/// <summary>Section "Cluster": which Orleans cluster this gateway is a client of. Must match the silos' Silo section.</summary>
public sealed class ClusterClientOptions
{
    public const string Section = "Cluster";

    [Required] public string ClusterId { get; set; } = "gochat-dev";
    [Required] public string ServiceId { get; set; } = "gochat";

    /// <summary>How long the gateway keeps trying to reach a silo at start before giving up.</summary>
    [Range(0, 600)] public int ConnectRetrySeconds { get; set; } = 60;

    /// <summary>How often the gateway re-reads the list of live silos from the membership table (GatewayOptions.GatewayListRefreshPeriod).</summary>
    [Range(0.5, 600)] public double GatewayListRefreshSeconds { get; set; } = 10;

    /// <summary>How often the gateway asks which silos are active; a change renews its subscriptions at once.</summary>
    [Range(0.1, 60)] public double ClusterWatchSeconds { get; set; } = 2;

    /// <summary>
    /// How long the hub keeps running a repeatable call (a send with its client message id, a read) again while the
    /// cluster fails over, before the client gets UNAVAILABLE.
    /// </summary>
    [Range(0, 120)] public double RetrySeconds { get; set; } = 15;

    /// <summary>How long a grain call waits for its answer before failing (ClientMessagingOptions.ResponseTimeout).</summary>
    [Range(1, 600)] public double ResponseTimeoutSeconds { get; set; } = 30;

    public static ClusterClientOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<ClusterClientOptions>() ?? new ClusterClientOptions();
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        return options;
    }
}
