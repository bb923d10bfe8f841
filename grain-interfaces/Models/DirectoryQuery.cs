namespace GoChat.GrainInterfaces.Models;

/// <summary>A contact directory search; every given filter must match (case-insensitive, part of the word is enough).</summary>
/// <param name="Text">Matched against name, email, position, department and agency name.</param>
[GenerateSerializer, Immutable, Alias("gochat.directory-query")]
public sealed record DirectoryQuery(
    [property: Id(0)] string? Text = null,
    [property: Id(1)] Guid? AgencyId = null,
    [property: Id(2)] string? Department = null,
    [property: Id(3)] string? Position = null,
    [property: Id(4)] int Limit = 50,
    [property: Id(5)] int Offset = 0);
