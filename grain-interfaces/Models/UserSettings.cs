namespace GoChat.GrainInterfaces.Models;

/// <param name="ReadReceipts">Off: the user neither sends read receipts nor sees other people's.</param>
[GenerateSerializer, Immutable, Alias("gochat.settings")]
public sealed record UserSettings(
    [property: Id(0)] bool ReadReceipts = true);
