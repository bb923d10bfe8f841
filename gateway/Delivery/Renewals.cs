namespace GoChat.Gateway.Delivery;

internal static class Renewals
{
    /// <summary>Renews each item, a few at a time so a gateway with many does not flood the silos. False if any renewal failed.</summary>
    public static async Task<bool> Each<T>(IEnumerable<T> items, Func<T, Task<bool>> renew, CancellationToken cancellationToken)
    {
        var ok = true;
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (item, _) => { if (!await renew(item)) ok = false; });
        return ok;
    }
}
