namespace GoChat.GrainInterfaces.Models;

/// <summary>An agency's sign-in policy. With <see cref="RequirePasskeyForAdmins"/>, its admins reach admin routes only from a passkey session.</summary>
[GenerateSerializer, Immutable, Alias("gochat.agency-security")]
public sealed record AgencySecurity([property: Id(0)] bool RequirePasskeyForAdmins);
