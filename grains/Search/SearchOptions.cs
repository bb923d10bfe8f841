using System.ComponentModel.DataAnnotations;

namespace GoChat.Grains.Search;

public sealed class SearchOptions
{
    public const string Section = "Search";

    /// <summary>
    /// A band of a search across chats is widened to the next edge while it holds fewer matches than this: a few pages
    /// to rank. Smaller answers faster from recent messages; larger ranks more of them together.
    /// </summary>
    [Range(1, SearchLimits.RankedPerBand)] public int BandPool { get; set; } = 100;
}
