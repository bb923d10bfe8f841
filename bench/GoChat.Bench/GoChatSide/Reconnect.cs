using GoChat.GrainInterfaces.Models;
using Microsoft.AspNetCore.SignalR.Client;

namespace GoChat.Bench.GoChatSide;

/// <summary>
/// What a client that already holds its conversations does on reconnect, as the web client does (web/src/core/chat.ts
/// catchUp): Sync from the last seq held per conversation, which returns the first page of the list and starts the
/// missed entries flowing, then the other pages (GetConversationPage). The one place W6 calls the server for the list.
/// </summary>
public static class Reconnect
{
    /// <summary>Resumes every conversation from <paramref name="lastSeqs"/>; returns the full list once it is in hand.</summary>
    public static async Task<IReadOnlyList<ConversationSummary>> ListAndResume(HubClient client, IReadOnlyDictionary<Guid, long> lastSeqs, CancellationToken ct)
    {
        var input = new { lastSeqs = lastSeqs.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value) };
        var result = await client.Connection.InvokeAsync<SyncList>("Sync", input, ct);
        return await Rest(client, [.. result.Conversations], result.NextCursor, ct);
    }

    /// <summary>The list a client holds after connecting, as on a new device: every page of GetConversationPage.</summary>
    public static Task<IReadOnlyList<ConversationSummary>> List(HubClient client, CancellationToken ct) => Rest(client, [], null, ct, first: true);

    /// <summary>Sync gives the first page; the rest come a page at a time, as the web client fetches them while the list scrolls.</summary>
    private static async Task<IReadOnlyList<ConversationSummary>> Rest(HubClient client, List<ConversationSummary> list, string? cursor, CancellationToken ct, bool first = false)
    {
        while (first || cursor is not null)
        {
            first = false;
            var page = await client.Connection.InvokeAsync<ConversationPage>("GetConversationPage", cursor, 100, ct);
            list.AddRange(page.Conversations);
            cursor = page.NextCursor;
        }
        return list;
    }

    private sealed record SyncList(IReadOnlyList<ConversationSummary> Conversations, string? NextCursor);
}
