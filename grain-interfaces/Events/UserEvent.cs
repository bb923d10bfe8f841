namespace GoChat.GrainInterfaces.Events;

/// <summary>What travels on a user's stream, to every device of that user.</summary>
/// <param name="Added">The user joined this conversation; its seq is <see cref="JoinedSeq"/>.</param>
/// <param name="Removed">The user is no longer a member of this conversation.</param>
/// <param name="Profile">The user changed their own card; their other devices show it at once.</param>
/// <param name="EndedDevice">This device's session ended (signed out, removed, refresh secret reused): cut its connections.</param>
/// <param name="Preferences">The user muted, pinned or archived a chat (or undid it): every device moves it at once.</param>
/// <param name="SessionEpoch">Sessions issued before this epoch have ended (signed out everywhere, suspended): cut their connections.</param>
[GenerateSerializer, Immutable, Alias("gochat.user-event")]
public sealed record UserEvent(
    [property: Id(0)] Guid? Added = null,
    [property: Id(1)] long JoinedSeq = 0,
    [property: Id(2)] Guid? Removed = null,
    [property: Id(3)] UserSettings? Settings = null,
    [property: Id(4)] int? SessionEpoch = null,
    [property: Id(5)] UserProfile? Profile = null,
    [property: Id(6)] Guid? EndedDevice = null,
    [property: Id(7)] ChatPreferences? Preferences = null);
