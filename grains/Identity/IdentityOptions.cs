using System.ComponentModel.DataAnnotations;

namespace GoChat.Grains.Identity;

/// <summary>Section "Identity": sign-in codes, sessions and the first platform admins.</summary>
public sealed class IdentityOptions
{
    public const string Section = "Identity";

    /// <summary>Addresses that become platform admins when they first sign in (the bootstrap; set per deployment).</summary>
    public string[] PlatformAdminEmails { get; set; } = [];

    [Range(1, 60)] public int CodeLifetimeMinutes { get; set; } = 10;
    [Range(1, 20)] public int MaxAttemptsPerCode { get; set; } = 5;
    [Range(1, 100)] public int MaxCodesPerWindow { get; set; } = 5;
    [Range(1, 1440)] public int CodeWindowMinutes { get; set; } = 15;
    [Range(1, 365)] public int RefreshTokenDays { get; set; } = 30;
    [Range(1, 100)] public int MaxDevices { get; set; } = 20;
}
