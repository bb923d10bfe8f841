namespace GoChat.GrainInterfaces.Models;

/// <param name="ReadReceipts">Off: the user neither sends read receipts nor sees other people's.</param>
/// <param name="Notifications">Off: devices show no notification for new messages.</param>
/// <param name="NotificationPreview">Off: notifications say who wrote, not what.</param>
/// <param name="Language">"ms" (Bahasa Melayu, the default) or "en".</param>
[GenerateSerializer, Immutable, Alias("gochat.settings")]
public sealed record UserSettings(
    [property: Id(0)] bool ReadReceipts = true,
    [property: Id(1)] bool Notifications = true,
    [property: Id(2)] bool NotificationSound = true,
    [property: Id(3)] bool NotificationPreview = true,
    [property: Id(4)] string Language = "ms")
{
    public static readonly IReadOnlyList<string> Languages = ["ms", "en"];
}
