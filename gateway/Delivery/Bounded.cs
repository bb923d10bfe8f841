namespace GoChat.Gateway.Delivery;

/// <summary>Many grain calls at once, but not all at once: a connection's batch must not flood the silos or the thread pool.</summary>
internal static class Bounded
{
    /// <summary>Grain calls one batch keeps in flight: enough to hide the round trip, few enough to share the silos.</summary>
    public const int InFlight = 32;

    /// <summary>
    /// Calls <paramref name="call"/> for each item, <see cref="InFlight"/> at a time, and returns the results in the
    /// items' order. The first failure stops the calls not yet started and is rethrown.
    /// </summary>
    public static async Task<TResult[]> Map<T, TResult>(IReadOnlyList<T> items, Func<T, Task<TResult>> call, CancellationToken cancellationToken = default)
    {
        var results = new TResult[items.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = cancellationToken },
            async (i, _) => results[i] = await call(items[i]));
        return results;
    }
}
