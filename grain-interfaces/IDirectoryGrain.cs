namespace GoChat.GrainInterfaces;

/// <summary>The contact directory (Akses Kontak): searches active people, within what the viewer may see.</summary>
[Alias("gochat.IDirectoryGrain")]
public interface IDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Ordered by name. An external viewer limited to their own agency gets only that agency's people.</summary>
    [Alias("Search")] Task<IReadOnlyList<UserProfile>> Search(Guid viewer, DirectoryQuery query);
}
