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

    public static ClusterClientOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<ClusterClientOptions>() ?? new ClusterClientOptions();
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        return options;
    }
}
