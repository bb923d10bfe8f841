namespace GoChat.Grains.Users;

/// <summary>One signed-in device. Only hashes of refresh secrets are kept; the previous one is kept to detect reuse.</summary>
[GenerateSerializer, Alias("gochat.DeviceState")]
public sealed class DeviceState
{
    [Id(0)] public string Name { get; set; } = "";
    [Id(1)] public DateTimeOffset CreatedAt { get; set; }
    [Id(2)] public DateTimeOffset LastUsedAt { get; set; }
    [Id(3)] public DateTimeOffset ExpiresAt { get; set; }
    [Id(4)] public byte[] Salt { get; set; } = [];
    [Id(5)] public byte[] Hash { get; set; } = [];
    [Id(6)] public byte[]? PreviousHash { get; set; }
    /// <summary>Signed in with a passkey rather than an emailed code; refreshes keep it.</summary>
    [Id(7)] public bool PasskeyVerified { get; set; }
    /// <summary>
    /// The key the web client encrypts its offline copy (outbox, cached chats) under. It lives and dies with this
    /// session: once the device is signed out or revoked, a copy left in the browser can never be read again.
    /// Empty for a device signed in before the key existed; made on first ask.
    /// </summary>
    [Id(8)] public byte[] CacheKey { get; set; } = [];
}
