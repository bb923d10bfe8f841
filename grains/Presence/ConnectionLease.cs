namespace GoChat.Grains.Presence;

/// <summary>A device connection as its presence grain holds it: away or not, and until when its gateway has vouched for it.</summary>
public readonly record struct ConnectionLease(bool Away, DateTimeOffset Expires);
