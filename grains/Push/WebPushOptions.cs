using System.ComponentModel.DataAnnotations;

namespace GoChat.Grains.Push;

/// <summary>
/// Section "WebPush": the platform's VAPID identity (RFC 8292) and how pushes are paced. Without a key pair Web Push
/// is off for every agency, except in Development, where a pair is generated once and kept in the dev database
/// (docs/operations.md). The key pair never goes in the repository: production reads it from a secret.
/// </summary>
public sealed class WebPushOptions : IValidatableObject
{
    public const string Section = "WebPush";

    /// <summary>The contact push services reach the operator at: a mailto: or https: URI (RFC 8292 section 2.1).</summary>
    [Required] public string Subject { get; set; } = "mailto:pentadbir@gochat.local";

    /// <summary>The uncompressed P-256 public key, base64url (65 bytes, RFC 8292 section 3.2). With <see cref="PrivateKey"/> or not at all.</summary>
    public string? PublicKey { get; set; }

    /// <summary>The P-256 private scalar d, base64url (32 bytes). A secret: from the environment or a mounted secret.</summary>
    public string? PrivateKey { get; set; }

    /// <summary>How long the push service keeps a push for a device that is off (the TTL header).</summary>
    [Range(0, 2_419_200)] public int TimeToLiveSeconds { get; set; } = 4 * 3600;

    /// <summary>At most one push per user per this many seconds: a burst of messages makes one notification.</summary>
    [Range(1, 3600)] public int MinIntervalSeconds { get; set; } = 60;

    /// <summary>New-message notices waiting for the sender; when full the newest are dropped (the chat itself is not affected).</summary>
    [Range(16, 1_000_000)] public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Notices taken from the queue for one database query.</summary>
    [Range(1, 10_000)] public int BatchSize { get; set; } = 256;

    /// <summary>Pushes in flight at once from one silo.</summary>
    [Range(1, 256)] public int Parallelism { get; set; } = 8;

    /// <summary>
    /// Hosts (and the hosts below them) a subscription endpoint may point at over https: the browsers' push services.
    /// Anything else is refused, so the silo never posts to an address a client picked. Configured entries are added.
    /// </summary>
    public string[] AllowedEndpointHosts { get; set; } =
    [
        "fcm.googleapis.com", "push.services.mozilla.com", "notify.windows.com", "push.apple.com",
    ];

    /// <summary>Tests only: also accept http://127.0.0.1 endpoints (a local push service). Refused at start in Production.</summary>
    public bool AllowLoopbackHttp { get; set; }

    public bool HasKeyPair => !string.IsNullOrEmpty(PublicKey) || !string.IsNullOrEmpty(PrivateKey);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!(Subject.StartsWith("mailto:", StringComparison.Ordinal) && Subject.Length > 7)
            && !(Uri.TryCreate(Subject, UriKind.Absolute, out var u) && u.Scheme == Uri.UriSchemeHttps))
        {
            yield return new ValidationResult("WebPush:Subject must be a mailto: or https: URI.", [nameof(Subject)]);
        }
        if (!HasKeyPair) yield break;
        if (VapidKeyPair.TryCreate(PublicKey, PrivateKey, out _) is { } error)
        {
            yield return new ValidationResult($"WebPush:PublicKey/PrivateKey: {error}", [nameof(PublicKey), nameof(PrivateKey)]);
        }
    }
}
