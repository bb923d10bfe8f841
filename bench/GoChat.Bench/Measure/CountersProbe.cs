namespace GoChat.Bench.Measure;

/// <summary>A probe over counters the workload keeps itself (receipts sent, pushes received).</summary>
public sealed class CountersProbe(Func<IReadOnlyDictionary<string, double>> read) : IWindowProbe
{
    public Task<IReadOnlyDictionary<string, double>> Read(CancellationToken ct) => Task.FromResult(read());
}
