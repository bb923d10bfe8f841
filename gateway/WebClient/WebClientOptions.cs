namespace GoChat.Gateway.WebClient;

/// <summary>Section "WebClient". The built SPA (npm run build) is copied next to the gateway's assembly.</summary>
public sealed class WebClientOptions
{
    public const string Section = "WebClient";

    /// <summary>The folder holding index.html; relative paths are under the gateway's own folder.</summary>
    public string Root { get; set; } = "wwwroot";
}
