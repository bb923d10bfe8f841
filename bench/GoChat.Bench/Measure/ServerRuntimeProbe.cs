using System.Net.Http.Json;

namespace GoChat.Bench.Measure;

/// <summary>
/// A GoChat server process's runtime figures from its Benchmark-only GET /api/bench/runtime (gateway/Telemetry/
/// BenchRuntimeEndpoints.cs): GC pauses, thread-pool queue, how late its timer fired, the group commits. Named
/// "server.{name}.*"; names ending in "Max" are maxima since the previous read (the window's, as it reads on each edge).
/// A process without the route (another environment, the relay) turns the probe off.
/// </summary>
public sealed class ServerRuntimeProbe(string name, Uri server) : IWindowProbe, IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = server, Timeout = TimeSpan.FromSeconds(5) };
    private bool _off;

    public async Task<IReadOnlyDictionary<string, double>> Read(CancellationToken ct)
    {
        if (_off) return new Dictionary<string, double>();
        try
        {
            var figures = await _http.GetFromJsonAsync<Dictionary<string, double>>("/api/bench/runtime", ct) ?? [];
            return figures.ToDictionary(kv => $"server.{name}.{kv.Key}", kv => kv.Value, StringComparer.Ordinal);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            _off = true;
            Console.Error.WriteLine($"[probe] no runtime figures from {server}: {e.Message}");
            return new Dictionary<string, double>();
        }
    }

    public void Dispose() => _http.Dispose();
}
