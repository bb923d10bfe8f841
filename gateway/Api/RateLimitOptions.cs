using System.ComponentModel.DataAnnotations;

namespace GoChat.Gateway.Api;

/// <summary>Section "RateLimits". Per-address limits on codes live in the grains; this guards per client IP.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    [Range(1, 100_000)] public int AuthRequestsPerIpPerMinute { get; set; } = 30;
}
