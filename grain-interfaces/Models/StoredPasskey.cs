namespace GoChat.GrainInterfaces.Models;

/// <summary>What verifying an assertion needs: the COSE public key and the last signature counter seen.</summary>
[GenerateSerializer, Immutable, Alias("gochat.stored-passkey")]
public sealed record StoredPasskey(
    [property: Id(0)] byte[] PublicKey,
    [property: Id(1)] uint SignCount);
