namespace GoChat.GrainInterfaces.Models;

/// <summary>A browser's PushSubscription as its toJSON() gives it: the push service endpoint and the keys, base64url.</summary>
[GenerateSerializer, Immutable, Alias("gochat.web-push-subscription")]
public sealed record WebPushSubscription(
    [property: Id(0)] string Endpoint,
    [property: Id(1)] string P256dh,
    [property: Id(2)] string Auth);

/// <summary>Allowed: the agency opted in and the platform can send. PublicKey: the VAPID key (RFC 8292, base64url), null when not allowed.</summary>
[GenerateSerializer, Immutable, Alias("gochat.web-push-status")]
public sealed record WebPushStatus([property: Id(0)] bool Allowed, [property: Id(1)] string? PublicKey, [property: Id(2)] int Subscriptions);
