using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace GoChat.Grains.Search;

/// <summary>
/// Stateless: a page is one SQL query per band (<see cref="MessageSearchStore"/>) whatever the number of chats, never a
/// call to each conversation grain. Membership comes from the same rows history's floor does, in the same statement.
/// A search across chats goes back in time band by band (<see cref="SearchBand"/>): most searches are answered from
/// the last hour or six, and only a word the recent bands hardly hold reaches the older ones.
/// </summary>
[StatelessWorker, GrainType("message-search")]
public sealed class MessageSearchGrain(MessageSearchStore store, TimeProvider time, IOptions<SearchOptions> options) : Grain, IMessageSearchGrain
{
    public async Task<MessageSearchPage> Search(Guid user, MessageSearchQuery query)
    {
        if (query is null) throw GoChatException.Invalid("A query is required.");
        var words = Words(query.Text);
        var limit = query.Limit == 0 ? SearchLimits.DefaultPage : query.Limit;
        if (limit is < 1 or > SearchLimits.MaxPage) throw GoChatException.Invalid($"A page holds 1 to {SearchLimits.MaxPage} results.");
        var (band, offset, fixedBand) = Start(query, time.GetUtcNow());
        if (query.ConversationId is { } one && !await store.IsMember(user, one)) throw GoChatException.NotFound();

        var rows = new List<SearchRow>();
        string? next = null;
        while (true)
        {
            // One row more than the page tells whether there is a next page.
            var want = limit + 1 - rows.Count;
            // A band is widened until it holds enough to rank, or reaches the first message; its cursor then pins it.
            var read = await store.Search(user, words, query.ConversationId, band, !fixedBand, options.Value.BandPool, offset, want);
            while (!fixedBand && read.Found < options.Value.BandPool && !read.Band.IsOldest)
            {
                read = await store.Search(user, words, query.ConversationId, read.Band.Wider(), true, options.Value.BandPool, offset, want);
            }
            (var found, band) = (read.Rows, read.Band);
            if (found.Count == want)
            {
                var taken = found.Count - 1;
                rows.AddRange(found.Take(taken));
                if (offset + taken <= SearchLimits.MaxOffset) next = band.Cursor(offset + taken);
                break;
            }
            rows.AddRange(found);
            // Past its ranked matches a full band's older matches are not reached: paging that deep ends here.
            if (band.IsOldest || read.Found >= SearchLimits.RankedPerBand) break;
            (band, offset, fixedBand) = (band.Older(), 0, false);
        }
        return new MessageSearchPage(Group(rows), next);
    }

    /// <summary>
    /// Where a page starts. Inside one chat there is one band, all time: a chat's own matches are few enough to rank
    /// together, and the primary key finds them.
    /// </summary>
    private static (SearchBand Band, int Offset, bool Fixed) Start(MessageSearchQuery query, DateTimeOffset now)
    {
        if (query.Cursor is { } cursor)
        {
            var parsed = SearchBand.Parse(cursor, now, query.ConversationId is not null) ?? throw GoChatException.Invalid("The page cursor is not one this server gave.");
            return (parsed.Band, parsed.Offset, true);
        }
        return query.ConversationId is null ? (new SearchBand(now, -1, 0), 0, false) : (new SearchBand(now, -1, SearchBand.Last, InChat: true), 0, true);
    }

    private static List<MessageSearchGroup> Group(IEnumerable<SearchRow> rows)
    {
        var groups = new List<MessageSearchGroup>();
        foreach (var row in rows)
        {
            var hit = new MessageSearchHit(row.Seq, row.SenderId, row.SentAt, row.EditedAt, Snippets.Parse(row.Headline), row.MarkedBroadcastId);
            if (groups.Count > 0 && groups[^1].ConversationId == row.ConversationId)
            {
                groups[^1] = groups[^1] with { Hits = [.. groups[^1].Hits, hit] };
            }
            else
            {
                groups.Add(new MessageSearchGroup(row.ConversationId, row.Kind, row.PeerUserId, [hit]));
            }
        }
        return groups;
    }

    /// <summary>EMPTY_TEXT without a word to search for, TEXT_TOO_LONG past the limit, INVALID_TEXT for what text may not hold.</summary>
    public static IReadOnlyList<string> Words(string? text)
    {
        TextRules.RequireStorable(text, "The search");
        if (TextRules.IsBlank(text)) throw new GoChatException(ErrorCodes.EmptyText, "Type a word to search for.");
        if (text!.Length > SearchLimits.MaxQueryLength) throw new GoChatException(ErrorCodes.TextTooLong, $"A search holds at most {SearchLimits.MaxQueryLength} characters.");
        var words = SearchWords.Of(text);
        if (words.Count == 0) throw new GoChatException(ErrorCodes.EmptyText, "A search needs a word of letters or digits.");
        return words;
    }
}
