using System.Globalization;

namespace GoChat.Grains.Search;

/// <summary>
/// A stretch of time a search ranks on its own, between two edges of the ladder counted back from the search's
/// anchor (the moment its first page was asked for). <see cref="Upper"/> -1 is the anchor itself; <see cref="Lower"/>
/// <see cref="SearchBand.Last"/> is the first message ever.
/// </summary>
/// <param name="InChat">A search inside one chat: its rows are read through the primary key and tested one by one,
/// whatever the band, as a chat's rows are few next to the postings of a common word in every chat.</param>
public sealed record SearchBand(DateTimeOffset Anchor, int Upper, int Lower, bool InChat = false)
{
    /// <summary>
    /// The edges, back from the anchor. Recent ones are close together so that a common word is answered from the
    /// last hour's pages; the older ones widen quickly so that a rare word takes few steps.
    /// </summary>
    private static readonly TimeSpan?[] Edges = [TimeSpan.FromHours(1), TimeSpan.FromHours(6), TimeSpan.FromDays(7), TimeSpan.FromDays(90), null];

    public static int Last => Edges.Length - 1;

    /// <summary>Bands ending within this many edges of the anchor are read page by page, not through the GIN index.</summary>
    private const int ScannedEdges = 2;

    public DateTimeOffset Until => Upper < 0 ? Anchor : Anchor - Edges[Upper]!.Value;

    public DateTimeOffset? Since => Edges[Lower] is { } back ? Anchor - back : null;

    public bool Scan => InChat || Lower < ScannedEdges;

    public bool IsOldest => Lower == Last;

    /// <summary>The band from the first edge after this one, ready to be widened.</summary>
    public SearchBand Older() => new(Anchor, Lower, Lower + 1);

    public SearchBand Wider() => this with { Lower = Lower + 1 };

    /// <summary>The cursor of a page that starts at <paramref name="offset"/> in this band's ranking.</summary>
    public string Cursor(int offset) => string.Create(CultureInfo.InvariantCulture, $"{Anchor.ToUnixTimeMilliseconds()}.{Upper}.{Lower}.{offset}");

    /// <summary>Null for a cursor this server could not have given.</summary>
    public static (SearchBand Band, int Offset)? Parse(string cursor, DateTimeOffset now, bool inChat)
    {
        var parts = cursor.Split('.');
        if (parts.Length != 4
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var anchorMs)
            || !int.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var upper)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var lower)
            || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            return null;
        }
        if (upper < -1 || lower <= upper || lower > Last || offset > SearchLimits.MaxOffset) return null;
        if (anchorMs > now.AddMinutes(5).ToUnixTimeMilliseconds()) return null;
        return (new SearchBand(DateTimeOffset.FromUnixTimeMilliseconds(anchorMs), upper, lower, inChat), offset);
    }
}
