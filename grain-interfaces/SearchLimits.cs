namespace GoChat.GrainInterfaces;

/// <summary>Bounds of a message search (issue 14): a query is a few words, and a page of results a screenful.</summary>
public static class SearchLimits
{
    public const int MaxQueryLength = 200;
    /// <summary>Words of a query beyond these are ignored: each one is an index lookup and a trigram lookup.</summary>
    public const int MaxWords = 8;
    /// <summary>Words shorter than this are never widened to similar words: too many words are similar to "di".</summary>
    public const int MinTypoLength = 4;
    public const int DefaultPage = 20;
    public const int MaxPage = 50;
    /// <summary>How deep paging goes: past a few hundred hits a narrower query serves better than a further page.</summary>
    public const int MaxOffset = 500;
    /// <summary>
    /// How many of a band's matches are ranked: its newest ones. A search goes back in time band by band (the last
    /// hour, six hours, a week, ninety days, all time), and the ranking of one band is what pages through it.
    /// </summary>
    public const int RankedPerBand = MaxOffset + MaxPage;
    /// <summary>Characters of a snippet around its first match; the rest of a long message is cut with an ellipsis.</summary>
    public const int SnippetLength = 160;
}
