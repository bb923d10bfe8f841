namespace GoChat.Grains.Identity;

[GenerateSerializer, Alias("gochat.EmailLoginState")]
public sealed class EmailLoginState
{
    /// <summary>The user this address belongs to, once a code has been confirmed.</summary>
    [Id(0)] public Guid? UserId { get; set; }
    [Id(1)] public byte[]? CodeHash { get; set; }
    [Id(2)] public byte[]? CodeSalt { get; set; }
    [Id(3)] public DateTimeOffset CodeExpiresAt { get; set; }
    [Id(4)] public int Attempts { get; set; }
    [Id(5)] public DateTimeOffset WindowStart { get; set; }
    [Id(6)] public int CodesInWindow { get; set; }
}
