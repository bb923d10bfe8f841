namespace GoChat.Grains.Identity;

/// <summary>One registered credential: the COSE public key (not a secret) and the last signature counter seen.</summary>
[GenerateSerializer, Alias("gochat.PasskeyCredentialState")]
public sealed class PasskeyCredentialState
{
    [Id(0)] public byte[] PublicKey { get; set; } = [];
    [Id(1)] public uint SignCount { get; set; }
    [Id(2)] public string Name { get; set; } = "";
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }
    [Id(4)] public DateTimeOffset? LastUsedAt { get; set; }
    [Id(5)] public Guid Aaguid { get; set; }
    [Id(6)] public string AttestationFormat { get; set; } = "";
}
