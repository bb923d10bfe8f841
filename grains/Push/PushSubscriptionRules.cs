using System.Net;
using System.Security.Cryptography;

namespace GoChat.Grains.Push;

/// <summary>
/// What a subscription must look like before it is stored: the silo will post to its endpoint, so only https
/// endpoints on the browsers' push services pass (loopback http for tests when configured), and the keys must be
/// what RFC 8291 encrypts to: a P-256 point and a 16-byte secret.
/// </summary>
public static class PushSubscriptionRules
{
    public const int MaxEndpointLength = 1024;

    public static (string Endpoint, byte[] P256dh, byte[] Auth) Validate(WebPushSubscription? subscription, WebPushOptions options)
    {
        if (subscription is null) throw Invalid("A subscription (endpoint, p256dh, auth) is required.");
        var endpoint = ValidateEndpoint(subscription.Endpoint, options);
        if (!Base64Url.TryDecode(subscription.P256dh, out var p256dh) || p256dh.Length != 65 || p256dh[0] != 0x04 || !OnCurve(p256dh))
            throw Invalid("p256dh must be a 65-byte uncompressed P-256 public key in base64url.");
        if (!Base64Url.TryDecode(subscription.Auth, out var auth) || auth.Length != 16)
            throw Invalid("auth must be a 16-byte secret in base64url.");
        return (endpoint, p256dh, auth);
    }

    /// <summary>Also for removal: an endpoint that could never have been stored is refused as input, not ignored.</summary>
    public static string ValidateEndpoint(string? endpoint, WebPushOptions options)
    {
        if (string.IsNullOrEmpty(endpoint) || endpoint.Length > MaxEndpointLength)
            throw Invalid($"endpoint must be an https URL of at most {MaxEndpointLength} characters.");
        if (endpoint.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c) || c == '\uFFFD'))
            throw Invalid("endpoint must be a URL without spaces or control characters.");
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.UserInfo) || uri.Fragment.Length > 0)
            throw Invalid("endpoint must be an absolute URL without credentials or fragment.");
        if (options.AllowLoopbackHttp && uri.Scheme == Uri.UriSchemeHttp && IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip))
            return endpoint;
        if (uri.Scheme != Uri.UriSchemeHttps) throw Invalid("endpoint must be an https URL.");
        var host = uri.IdnHost.ToLowerInvariant();
        if (!options.AllowedEndpointHosts.Any(h => host == h || host.EndsWith("." + h, StringComparison.Ordinal)))
            throw Invalid("endpoint is not a known browser push service.");
        return endpoint;
    }

    /// <summary>A point off the curve would fail at the first push; refusing it now keeps the row out.</summary>
    private static bool OnCurve(byte[] point)
    {
        try
        {
            using var ec = ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = point[1..33], Y = point[33..] } });
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static GoChatException Invalid(string message) => new(ErrorCodes.InvalidPushSubscription, message);
}
