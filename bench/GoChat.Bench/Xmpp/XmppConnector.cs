using GoChat.Bench.Measure;

namespace GoChat.Bench.Xmpp;

/// <summary>Logs many users in with bounded concurrency (a ramp, not a login storm) and per-login timeouts.</summary>
public static class XmppConnector
{
    /// <summary>
    /// Connects <paramref name="users"/> (index i gets the handler <paramref name="handlerFor"/>(i)), at most
    /// <paramref name="concurrency"/> logins in flight. All or nothing: if any login fails, the others are closed
    /// and the first failure is thrown.
    /// </summary>
    public static async Task<XmppClient[]> ConnectAllAsync(
        XmppClientOptions options,
        IReadOnlyList<string> users,
        string password,
        string resource,
        Func<int, Action<XmppMessage>?> handlerFor,
        int concurrency,
        CancellationToken ct)
    {
        var clients = new XmppClient[users.Count];
        using var gate = new SemaphoreSlim(Math.Max(1, concurrency));
        int done = 0;
        long start = Clock.Now;
        long lastReport = start;
        var failures = new List<Exception>();

        async Task LoginAsync(int i)
        {
            await gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                var client = new XmppClient(options, handlerFor(i));
                await client.ConnectAsync(users[i], password, resource, ct).ConfigureAwait(false);
                clients[i] = client;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                lock (failures)
                {
                    failures.Add(e);
                }
            }
            finally
            {
                gate.Release();
                int n = Interlocked.Increment(ref done);
                long now = Clock.Now;
                long last = Interlocked.Read(ref lastReport);
                if (n == users.Count || (Clock.TicksToSeconds(now - last) >= 2 && Interlocked.CompareExchange(ref lastReport, now, last) == last))
                {
                    Console.Error.WriteLine(
                        $"  logins: {n}/{users.Count} in {Clock.TicksToSeconds(now - start):F1} s ({failures.Count} failed)");
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, users.Count).Select(LoginAsync)).ConfigureAwait(false);
        if (failures.Count > 0)
        {
            await CloseAllAsync(clients.Where(c => c is not null)).ConfigureAwait(false);
            throw new XmppException($"{failures.Count} of {users.Count} logins failed; first: {failures[0].Message}");
        }
        return clients;
    }

    /// <summary>Closes every client cleanly, a bounded number at a time, each bounded in time.</summary>
    public static async Task CloseAllAsync(IEnumerable<XmppClient> clients, int concurrency = 200)
    {
        using var gate = new SemaphoreSlim(concurrency);
        await Task.WhenAll(clients.Select(async c =>
        {
            await gate.WaitAsync().ConfigureAwait(false);
            try
            {
                await c.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
    }
}
