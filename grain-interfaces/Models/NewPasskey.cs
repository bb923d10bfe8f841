namespace GoChat.GrainInterfaces.Models;

/// <summary>A credential the gateway has verified (attestation checked by the FIDO2 library), to be stored for its owner.</summary>
[GenerateSerializer, Immutable, Alias("gochat.new-passkey")]
public sealed record NewPasskey(
    [property: Id(0)] byte[] CredentialId,
    [property: Id(1)] byte[] PublicKey,
    [property: Id(2)] uint SignCount,
    [property: Id(3)] Guid Aaguid,
    [property: Id(4)] string Name,
    [property: Id(5)] string AttestationFormat);
