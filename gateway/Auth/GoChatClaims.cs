namespace GoChat.Gateway.Auth;

/// <summary>Claim names in GoChat's access tokens.</summary>
public static class GoChatClaims
{
    public const string Role = "role";
    public const string Agency = "agency";
    public const string External = "ext";
    public const string Device = "did";
    /// <summary>The account's session epoch when the token was issued; a newer epoch voids the token.</summary>
    public const string SessionEpoch = "sep";
    /// <summary>How the session was started (RFC 8176 "amr"); <see cref="PasskeyMethod"/> when with a passkey.</summary>
    public const string AuthMethod = "amr";
    public const string PasskeyMethod = "passkey";
    /// <summary>The name the bearer handler maps "amr" to when it maps inbound claims.</summary>
    public const string MappedAuthMethod = "http://schemas.microsoft.com/claims/authnmethodsreferences";
    /// <summary>A load-test principal: only the Benchmark environment issues it, and only there is it exempt from rate limits.</summary>
    public const string LoadTest = "lt";
}
