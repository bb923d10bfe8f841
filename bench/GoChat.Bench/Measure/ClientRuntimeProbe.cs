namespace GoChat.Bench.Measure;

/// <summary>
/// The load generator's own runtime: its GC pauses and collections. A latency spike in a window where the client
/// paused is the client's, not the server's.
/// </summary>
public sealed class ClientRuntimeProbe : IWindowProbe
{
    public Task<IReadOnlyDictionary<string, double>> Read(CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<string, double>>(new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["client.gcPauseMs"] = GC.GetTotalPauseDuration().TotalMilliseconds,
            ["client.gen2"] = GC.CollectionCount(2),
        });
}
