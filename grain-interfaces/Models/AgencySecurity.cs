namespace GoChat.GrainInterfaces.Models;

/// <summary>
/// An agency's sign-in and notification policy. With <see cref="RequirePasskeyForAdmins"/>, its admins reach admin
/// routes only from a passkey session. With <see cref="WebPushAllowed"/> (off by default), its users may turn on
/// Web Push notifications for when the app is closed (docs/security/web-push.md).
/// </summary>
[GenerateSerializer, Immutable, Alias("gochat.agency-security")]
public sealed record AgencySecurity([property: Id(0)] bool RequirePasskeyForAdmins, [property: Id(1)] bool WebPushAllowed = false);
