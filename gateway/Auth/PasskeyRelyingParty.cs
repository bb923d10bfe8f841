using Fido2NetLib;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace GoChat.Gateway.Auth;

/// <summary>The FIDO2 library configured for this gateway's relying party; built on first use, when the listening addresses are known.</summary>
public sealed class PasskeyRelyingParty(IOptions<PasskeyOptions> options, IServer server, ILogger<PasskeyRelyingParty> logger)
{
    private readonly Lazy<(IFido2 Fido2, Fido2Configuration Config)> _built = new(() => Build(options.Value, server, logger));

    public IFido2 Fido2 => _built.Value.Fido2;

    public Fido2Configuration Configuration => _built.Value.Config;

    public TimeSpan CeremonyLifetime => TimeSpan.FromSeconds(options.Value.CeremonySeconds);

    private static (IFido2, Fido2Configuration) Build(PasskeyOptions o, IServer server, ILogger logger)
    {
        string rpId;
        HashSet<string> origins;
        if (string.IsNullOrWhiteSpace(o.RelyingPartyId))
        {
            // Local use: the page is opened as http://localhost:<port> (an IP address cannot be a relying party).
            rpId = "localhost";
            var ports = server.Features.Get<IServerAddressesFeature>()?.Addresses.Select(a => new Uri(a.Replace("://+", "://localhost").Replace("://*", "://localhost")))
                ?? [];
            origins = ports.Select(u => $"{u.Scheme}://localhost:{u.Port}").ToHashSet(StringComparer.Ordinal);
            logger.LogInformation("Passkeys: relying party localhost for {Origins}; set Passkeys:RelyingPartyId and Origins for a deployment", string.Join(", ", origins));
        }
        else
        {
            rpId = o.RelyingPartyId.Trim();
            origins = o.Origins.Select(x => x.TrimEnd('/')).ToHashSet(StringComparer.Ordinal);
        }
        var config = new Fido2Configuration
        {
            RPID = rpId,
            RPName = o.RelyingPartyName,
            Origins = origins,
            Timeout = (uint)(o.CeremonySeconds * 1000),
            ChallengeSize = 32,
        };
        return (new Fido2(config), config);
    }
}
