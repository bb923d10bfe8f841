namespace GoChat.Gateway.Broadcasts;

/// <summary>
/// Section "Broadcasts:Marks". The secret under which every delivery of a protected broadcast is marked, shared by every
/// gateway. Unset, it is derived from Auth:SigningKey; set it in production, so that rotating the token key does not
/// make the marks of earlier broadcasts untraceable.
/// </summary>
public sealed class MarkOptions
{
    public const string Section = "Broadcasts:Marks";

    /// <summary>Base64 of at least 32 random bytes; from the environment or a secret store, never the repo.</summary>
    public string? Secret { get; set; }
}
