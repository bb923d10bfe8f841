namespace GoChat.Gateway.Files;

/// <summary>
/// Headers on every answer of the download route. Whatever was uploaded, the browser treats it as the type GoChat decided
/// (nosniff) and as a sandboxed document with no script and no access to GoChat's origin (CSP sandbox), so an HTML or
/// SVG that slipped past the checks still cannot act as GoChat. Only GoChat's own pages may frame it (the PDF preview).
/// </summary>
public static class DownloadHeaders
{
    public const string ContentSecurityPolicy = "sandbox; default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'";

    public static void Apply(IHeaderDictionary headers)
    {
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "SAMEORIGIN";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
    }
}
