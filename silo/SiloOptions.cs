using System.ComponentModel.DataAnnotations;

namespace GoChat.Silo;

/// <summary>Where this silo listens and which cluster it joins. Section "Silo".</summary>
public sealed class SiloOptions
{
    public const string Section = "Silo";

    [Required] public string ClusterId { get; set; } = "gochat-dev";
    [Required] public string ServiceId { get; set; } = "gochat";
    [Range(1, 65535)] public int SiloPort { get; set; } = 11111;
    [Range(1, 65535)] public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and gateways reach this silo at (the pod IP on Kubernetes).</summary>
    [Required] public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Apply pending db/migrations at start. On for local runs; on Kubernetes a schema job does it.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>
    /// Serve the gateway (SignalR hub, REST) from this process too: one process per node, grain calls and
    /// deliveries without a network hop or serialization. For one-node installs; scale-out runs gateways apart.
    /// </summary>
    public bool HostGateway { get; set; }

    public static SiloOptions From(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<SiloOptions>() ?? new SiloOptions();
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        return options;
    }
}
