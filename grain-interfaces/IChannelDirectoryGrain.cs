namespace GoChat.GrainInterfaces;

/// <summary>The directory of channels (stateless, key 0): what a user may subscribe to, by name.</summary>
[Alias("gochat.IChannelDirectoryGrain")]
public interface IChannelDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Channels whose audience includes the viewer, mandatory ones first; blank text lists them all (up to <see cref="Limits.MaxChannelSearchResults"/>).</summary>
    [Alias("Search")] Task<IReadOnlyList<ChannelListing>> Search(Guid viewer, string? text);
}
