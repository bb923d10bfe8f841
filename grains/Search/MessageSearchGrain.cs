using System.Globalization;
using Orleans.Concurrency;

namespace GoChat.Grains.Search;

/// <summary>
/// Stateless: a search is one SQL query (<see cref="MessageSearchStore"/>) whatever the number of chats, never a call
/// to each conversation grain. Membership comes from the same rows history's floor does, in the same statement.
/// </summary>
[StatelessWorker, GrainType("message-search")]
public sealed class MessageSearchGrain(MessageSearchStore store) : Grain, IMessageSearchGrain
{
    public async Task<MessageSearchPage> Search(Guid user, MessageSearchQuery query)
    {
        if (query is null) throw GoChatException.Invalid("A query is required.");
        var words = Words(query.Text);
        var limit = query.Limit == 0 ? SearchLimits.DefaultPage : query.Limit;
        if (limit is < 1 or > SearchLimits.MaxPage) throw GoChatException.Invalid($"A page holds 1 to {SearchLimits.MaxPage} results.");
        var offset = Offset(query.Cursor);
        if (query.ConversationId is { } one && !await store.IsMember(user, one)) throw GoChatException.NotFound();

        // One row more than the page tells whether there is a next page.
        var rows = await store.Search(user, words, query.ConversationId, offset, limit + 1);
        var next = rows.Count > limit && offset + limit <= SearchLimits.MaxOffset ? (offset + limit).ToString(CultureInfo.InvariantCulture) : null;
        var groups = new List<MessageSearchGroup>();
        foreach (var row in rows.Take(limit))
        {
            var hit = new MessageSearchHit(row.Seq, row.SenderId, row.SentAt, row.EditedAt, Snippets.Parse(row.Headline));
            if (groups.Count > 0 && groups[^1].ConversationId == row.ConversationId)
            {
                groups[^1] = groups[^1] with { Hits = [.. groups[^1].Hits, hit] };
            }
            else
            {
                groups.Add(new MessageSearchGroup(row.ConversationId, row.Kind, row.PeerUserId, [hit]));
            }
        }
        return new MessageSearchPage(groups, next);
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

    private static int Offset(string? cursor)
    {
        if (cursor is null) return 0;
        return int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var offset) && offset is > 0 and <= SearchLimits.MaxOffset
            ? offset
            : throw GoChatException.Invalid("The page cursor is not one this server gave.");
    }
}
