using GoChat.GrainInterfaces.Models;
using Microsoft.AspNetCore.SignalR.Client;

namespace GoChat.Bench.GoChatSide;

/// <summary>
/// What a client that already holds its conversations does on reconnect, as the web client does (web/src/core/chat.ts
/// catchUp): Sync from the last seq held per conversation, which returns the whole list and starts the missed entries
/// flowing. The one place W6 calls the server for the list: when the hub pages the list (a GetConversationPage and a
/// cheaper Sync), this method fetches the pages and W6 keeps its measurement as it is.
/// </summary>
public static class Reconnect
{
    /// <summary>Resumes every conversation from <paramref name="lastSeqs"/>; returns the full list once it is in hand.</summary>
    public static async Task<IReadOnlyList<ConversationSummary>> ListAndResume(HubClient client, IReadOnlyDictionary<Guid, long> lastSeqs, CancellationToken ct)
    {
        var input = new { lastSeqs = lastSeqs.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value) };
        var result = await client.Connection.InvokeAsync<SyncList>("Sync", input, ct);
        return result.Conversations;
    }

    /// <summary>The list a client holds after connecting, as on a new device (GetConversations).</summary>
    public static Task<IReadOnlyList<ConversationSummary>> List(HubClient client, CancellationToken ct) =>
        client.Connection.InvokeAsync<IReadOnlyList<ConversationSummary>>("GetConversations", ct);

    private sealed record SyncList(IReadOnlyList<ConversationSummary> Conversations);
}
