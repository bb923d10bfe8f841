namespace GoChat.GrainInterfaces.Models;

/// <summary>A tus creation request, once the gateway has read it.</summary>
/// <param name="ScopeId">The owner's agency (files are deduplicated within it), or the owner when they have none.</param>
/// <param name="Store">Where the gateway will write the bytes ("postgres" or "s3").</param>
[GenerateSerializer, Immutable, Alias("gochat.new-upload")]
public sealed record NewUpload(
    [property: Id(0)] Guid ScopeId,
    [property: Id(1)] string Name,
    [property: Id(2)] string? DeclaredType,
    [property: Id(3)] long Length,
    [property: Id(4)] string Store);
