using GoChat.GrainInterfaces;
using GoChat.Gateway.Delivery;

namespace GoChat.Gateway.Hubs;

/// <summary>
/// Joins a (re)connected client to its conversations' feeds for <see cref="ChatHub.Sync"/>: those with entries the
/// client lacks at once (their backlog arrives before Sync returns), all others in the background after it returned,
/// so a reconnect waits on what changed, not on every conversation the user is in. A background join starts from
/// the last seq Sync's query saw, so an entry sent meanwhile arrives as that feed's backlog: nothing is missed.
/// </summary>
public sealed class SyncJoins(ConversationFeeds feeds, ConnectionRegistry connections, ILogger<SyncJoins> logger)
{
    /// <summary>Feeds joined at once per connection: each join is a subscribe and a log read on some silo.</summary>
    private const int Parallel = 16;

    /// <param name="joins">Conversation ids with the last seq the client holds (what it gets is what follows).</param>
    public Task JoinNow(ClientConnection connection, IReadOnlyList<(Guid Id, long AfterSeq)> joins) =>
        Each(joins, j => feeds.Join(connection, j.Id, j.AfterSeq));

    /// <summary>Starts the joins and returns; a join that fails closes the connection, and the client's next Sync heals it.</summary>
    public void JoinLater(ClientConnection connection, IReadOnlyList<(Guid Id, long AfterSeq)> joins)
    {
        if (joins.Count > 0) _ = Task.Run(() => JoinInBackground(connection, joins));
    }

    private async Task JoinInBackground(ClientConnection connection, IReadOnlyList<(Guid Id, long AfterSeq)> joins)
    {
        try
        {
            await Each(joins, async j =>
            {
                if (!IsOpen(connection)) return;
                try
                {
                    await feeds.Join(connection, j.Id, j.AfterSeq);
                }
                catch (GoChatException ex) when (ex.Code == ErrorCodes.ConversationNotFound)
                {
                    return; // left since the query: nothing more to receive there
                }
                // Closed while joining: its disconnect may have released its feeds before this one was joined.
                if (!IsOpen(connection)) await feeds.Leave(connection, j.Id);
            });
        }
        catch (Exception ex)
        {
            // Joined to some feeds but not all: rather than miss live entries, let the client reconnect and sync again.
            logger.LogWarning(ex, "Joining the remaining {Count} conversation(s) of {UserId} after Sync failed; closing {ConnectionId}",
                joins.Count, connection.UserId, connection.Id);
            connection.TryClose();
        }
    }

    private bool IsOpen(ClientConnection connection) => connections.Get(connection.Id) == connection;

    private static async Task Each(IReadOnlyList<(Guid Id, long AfterSeq)> joins, Func<(Guid Id, long AfterSeq), Task> join)
    {
        if (joins.Count == 0) return;
        using var limiter = new SemaphoreSlim(Parallel);
        await Task.WhenAll(joins.Select(async j =>
        {
            await limiter.WaitAsync();
            try
            {
                await join(j);
            }
            finally
            {
                limiter.Release();
            }
        }));
    }
}
