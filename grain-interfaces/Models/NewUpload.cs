namespace GoChat.GrainInterfaces.Models;

/// <summary>A tus creation request, once the gateway has read it.</summary>
/// <param name="ScopeId">The owner's agency (files are deduplicated within it), or the owner when they have none.</param>
/// <param name="Encrypted">Ciphertext a client made for a secret chat (tus metadata "encrypted"): it cannot be sniffed,
/// scanned or pictured, so only an agency that allows it takes one, and only a secret chat may carry it.</param>
/// <param name="Store">Where the gateway will write the bytes ("postgres" or "s3").</param>
[GenerateSerializer, Immutable, Alias("gochat.new-upload")]
public sealed record NewUpload(
    [property: Id(0)] Guid ScopeId,
    [property: Id(1)] string Name,
    [property: Id(2)] string? DeclaredType,
    [property: Id(3)] long Length,
    [property: Id(4)] string Store,
    [property: Id(5)] bool Encrypted = false);
