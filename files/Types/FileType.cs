namespace GoChat.Files.Types;

/// <summary>
/// A type on GoChat's allowlist: the content type it is served with, the names it may have (the first is the one a
/// download gets when the upload had none) and words for people ("a PDF document").
/// </summary>
public sealed record FileType(string ContentType, FileCategory Category, string Description, IReadOnlyList<string> Extensions)
{
    public string CanonicalExtension => Extensions[0];

    /// <summary>Whether a name ending in <paramref name="extension"/> (lower-case, without the dot) fits this type.</summary>
    public bool Allows(string extension) => Extensions.Contains(extension, StringComparer.Ordinal);
}
