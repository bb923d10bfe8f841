namespace GoChat.Gateway.Hubs;

/// <summary>Section "Hub": which web pages may open the hub.</summary>
public sealed class HubOriginOptions
{
    public const string Section = "Hub";

    /// <summary>
    /// Origins (scheme://host[:port], no path) besides the gateway's own whose pages may connect to the hub. The
    /// gateway's own origin (the request's scheme and Host, as the ingress forwards them) is always allowed, since it
    /// serves the web client; empty by default. Requests without an Origin header (non-browser clients) are allowed.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Every entry is an absolute http(s) origin with nothing after the authority.</summary>
    public static bool AreValid(HubOriginOptions o) => o.AllowedOrigins.All(IsOrigin);

    private static bool IsOrigin(string value) =>
        Uri.TryCreate(value?.TrimEnd('/'), UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && uri.PathAndQuery == "/" && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo);
}
