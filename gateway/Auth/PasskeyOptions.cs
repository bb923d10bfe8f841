using System.ComponentModel.DataAnnotations;

namespace GoChat.Gateway.Auth;

/// <summary>
/// Section "Passkeys": the WebAuthn relying party. Browsers bind every passkey to <see cref="RelyingPartyId"/> and
/// report the page's origin, which must be one of <see cref="Origins"/>. Unset, the gateway is "localhost" on its
/// own ports: enough for a developer's machine and the tests, never for a deployment behind a real name.
/// </summary>
public sealed class PasskeyOptions
{
    public const string Section = "Passkeys";

    /// <summary>A domain name (not an IP address: browsers refuse those), e.g. "gochat.gov.my".</summary>
    public string? RelyingPartyId { get; set; }

    [Required, MaxLength(64)] public string RelyingPartyName { get; set; } = "GoChat";

    /// <summary>The web client's origins, e.g. "https://gochat.gov.my": https on the relying party's domain or a sub-domain.</summary>
    public string[] Origins { get; set; } = [];

    /// <summary>How long a registration or sign-in ceremony may take, from the options to the answer.</summary>
    [Range(30, 600)] public int CeremonySeconds { get; set; } = 120;

    public const string Rule = "Passkeys: RelyingPartyId must be a domain name (not an IP address) with at least one origin, each an " +
        "https origin (http only for localhost) on that domain or a sub-domain of it, without a path; with no RelyingPartyId, no Origins.";

    public bool IsValid()
    {
        if (string.IsNullOrWhiteSpace(RelyingPartyId)) return Origins.Length == 0;
        var rp = RelyingPartyId.Trim();
        if (Uri.CheckHostName(rp) != UriHostNameType.Dns || rp != rp.ToLowerInvariant()) return false;
        return Origins.Length > 0 && Origins.All(o => IsOriginOn(o, rp));
    }

    private static bool IsOriginOn(string origin, string rp)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0) return false;
        var host = uri.IdnHost;
        var onRp = host == rp || host.EndsWith("." + rp, StringComparison.Ordinal);
        var local = host == "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal);
        return onRp && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && local));
    }
}
