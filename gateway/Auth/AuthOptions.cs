using System.ComponentModel.DataAnnotations;

namespace GoChat.Gateway.Auth;

/// <summary>Section "Auth". The signing key comes from the environment or a secret store, never from the repo.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Base64 of at least 32 random bytes (HMAC-SHA256). Every gateway of a cluster shares it.</summary>
    [Required, MinLength(44)] public string SigningKey { get; set; } = "";
    [Required] public string Issuer { get; set; } = "gochat";
    [Required] public string Audience { get; set; } = "gochat";
    [Range(1, 1440)] public int AccessTokenMinutes { get; set; } = 60;
}
