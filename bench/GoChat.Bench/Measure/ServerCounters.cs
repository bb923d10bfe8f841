using System.Globalization;
using System.Net.Http.Json;

namespace GoChat.Bench.Measure;

/// <summary>
/// The servers' own counters over a window: GET /bench/counters of each process (silo, gateways), served only when
/// the stack runs with BENCH_COUNTERS=1 (service-defaults/BenchCounters.cs). Orleans messages = what the silos'
/// dispatchers received ("orleans-messaging-processing-dispatcher-received": every grain call, response and one-way
/// event, in-process or from the network); over the network = the count of "orleans-messaging-sent-messages-size"
/// summed over silo and gateways; SignalR pushes = "gochat.messages.delivered" (one per connection).
/// </summary>
public sealed class ServerCounters(IReadOnlyList<Uri> processes)
{
    public const string OrleansDispatched = "orleans-messaging-processing-dispatcher-received";
    public const string OrleansNetwork = "orleans-messaging-sent-messages-size.count";
    public const string Pushes = "gochat.messages.delivered";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private IReadOnlyDictionary<string, long>[] _start = [];

    public async Task Start(CancellationToken ct) => _start = await ReadAll(ct);

    /// <summary>" orleans-msgs/msg=X orleans-network/msg=Y pushes/msg=Z" over the window since <see cref="Start"/>; empty without processes.</summary>
    public async Task<string> PerMessage(int messages, CancellationToken ct)
    {
        if (processes.Count == 0 || messages == 0) return "";
        var end = await ReadAll(ct);
        long Delta(string name) => end.Select((e, i) => e.GetValueOrDefault(name) - _start[i].GetValueOrDefault(name)).Sum();
        foreach (var (e, i) in end.Select((e, i) => (e, i)))
        {
            var moved = e.Where(kv => kv.Value != _start[i].GetValueOrDefault(kv.Key)).Select(kv => $"{kv.Key}+{kv.Value - _start[i].GetValueOrDefault(kv.Key)}");
            Console.Error.WriteLine($"[counters] {processes[i]}: {string.Join(' ', moved)}");
        }
        double PerMessage(string name) => Delta(name) / (double)messages;
        return string.Create(CultureInfo.InvariantCulture,
            $" orleans-msgs/msg={PerMessage(OrleansDispatched):0.#} orleans-network/msg={PerMessage(OrleansNetwork):0.#} pushes/msg={PerMessage(Pushes):0.#}");
    }

    private async Task<IReadOnlyDictionary<string, long>[]> ReadAll(CancellationToken ct) =>
        await Task.WhenAll(processes.Select(async p =>
            (IReadOnlyDictionary<string, long>)(await Http.GetFromJsonAsync<Dictionary<string, long>>(new Uri(p, "/bench/counters"), ct))!));
}
