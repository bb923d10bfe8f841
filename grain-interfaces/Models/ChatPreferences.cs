namespace GoChat.GrainInterfaces.Models;

/// <summary>How one user keeps one chat in their list, the same on every device of theirs.</summary>
/// <param name="MutedUntil">No unread badge, desktop notification or Web Push for the chat until then; null when not muted.</param>
/// <param name="PinnedAt">Pinned to the top of the list (newest pin first); null when not pinned.</param>
/// <param name="ArchivedSeq">
/// Archived when the chat's last entry was this seq: the chat sits in "Arkib" until a newer entry comes, unless it is
/// muted, when it stays there. Null when not archived.
/// </param>
[GenerateSerializer, Immutable, Alias("gochat.chat-preferences")]
public sealed record ChatPreferences(
    [property: Id(0)] Guid ConversationId,
    [property: Id(1)] DateTimeOffset? MutedUntil = null,
    [property: Id(2)] DateTimeOffset? PinnedAt = null,
    [property: Id(3)] long? ArchivedSeq = null)
{
    /// <summary>"Always": a date no one reaches, so muted is one comparison with now whatever the choice.</summary>
    public static readonly DateTimeOffset Forever = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);
}
