namespace GoChat.Gateway.WebClient;

/// <summary>
/// Headers on every answer. The CSP allows only this origin's own files: no inline script or style, no
/// framing, connections (fetch and the hub's WebSocket) to this origin only, pictures also from data: and
/// blob: (profile pictures are fetched with the bearer token and shown as blob URLs).
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
        "font-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; " +
        // Voice notes and videos play from the download route; a PDF opens there in the browser's own viewer.
        "media-src 'self' blob:; frame-src 'self'";

    public static void Apply(IHeaderDictionary headers)
    {
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        // The microphone records voice notes (issue 15), in GoChat's own pages only.
        headers["Permissions-Policy"] = "camera=(), microphone=(self), geolocation=()";
    }
}
