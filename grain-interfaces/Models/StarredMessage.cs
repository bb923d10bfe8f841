namespace GoChat.GrainInterfaces.Models;

/// <summary>One of the user's starred messages, as it reads now ("Mesej berbintang").</summary>
[GenerateSerializer, Immutable, Alias("gochat.starred")]
public sealed record StarredMessage(
    [property: Id(0)] ChatMessage Message,
    [property: Id(1)] DateTimeOffset StarredAt);
