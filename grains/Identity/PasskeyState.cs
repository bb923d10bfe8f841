namespace GoChat.Grains.Identity;

/// <summary>A user's passkeys by credential id (base64url), and the registration ceremony under way, if any.</summary>
[GenerateSerializer, Alias("gochat.PasskeyState")]
public sealed class PasskeyState
{
    [Id(0)] public Dictionary<string, PasskeyCredentialState> Credentials { get; set; } = [];
    /// <summary>The creation options sent to the browser; used once.</summary>
    [Id(1)] public string? PendingRegistration { get; set; }
    [Id(2)] public DateTimeOffset PendingExpiresAt { get; set; }
}
