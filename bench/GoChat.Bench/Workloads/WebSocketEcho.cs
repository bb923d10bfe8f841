using System.Diagnostics;
using System.Net.WebSockets;
using GoChat.Bench.Measure;

namespace GoChat.Bench.Workloads;

/// <summary>
/// Ceiling: a bare Kestrel WebSocket echo. N clients each send a chat-sized frame and wait for it back, as
/// fast as they can, for a fixed time: the most round trips per second the server core gives with no
/// protocol, no routing and no storage.
/// </summary>
public sealed class WebSocketEcho(WebSocketEcho.Options options)
{
    public sealed record Options(Uri Url, int Clients, double DurationSeconds, IReadOnlyList<int> ServerPids, string? Out);

    public async Task<WorkloadResult> Run(CancellationToken ct)
    {
        var sockets = new List<ClientWebSocket>();
        for (var i = 0; i < options.Clients; i++)
        {
            var socket = new ClientWebSocket();
            await socket.ConnectAsync(options.Url, ct);
            sockets.Add(socket);
        }
        var latency = new LatencyRecorder();
        long trips = 0;
        var payload = "{\"type\":1,\"target\":\"MessageReceived\",\"arguments\":[{\"text\":\"a chat message of a typical length\"}]}"u8.ToArray();
        var end = Clock.Now + Clock.SecondsToTicks(options.DurationSeconds);
        var cpu0 = ProcessCpu.Take(options.ServerPids);
        var client0 = Process.GetCurrentProcess().TotalProcessorTime;
        var start = Clock.Now;
        await Task.WhenAll(sockets.Select(async socket =>
        {
            var buffer = new byte[4096];
            while (Clock.Now < end)
            {
                var t0 = Clock.Now;
                await socket.SendAsync(payload, WebSocketMessageType.Text, true, ct);
                var got = 0;
                while (got < payload.Length)
                {
                    var r = await socket.ReceiveAsync(buffer.AsMemory(got), ct);
                    got += r.Count;
                }
                latency.RecordTicks(t0, Clock.Now);
                Interlocked.Increment(ref trips);
            }
        }));
        var seconds = Clock.TicksToSeconds(Clock.Now - start);
        var result = new WorkloadResult("kestrel", "ceiling-websocket-echo", $"clients={options.Clients} (latency = round trip)",
            trips, trips, 0, 0, seconds, trips / seconds, latency.PercentileMs(50), latency.PercentileMs(95), latency.PercentileMs(99), latency.MaxMs,
            ProcessCpu.SecondsBetween(cpu0, ProcessCpu.Take(options.ServerPids)), (Process.GetCurrentProcess().TotalProcessorTime - client0).TotalSeconds);
        foreach (var s in sockets)
        {
            await s.CloseAsync(WebSocketCloseStatus.NormalClosure, null, ct);
            s.Dispose();
        }
        result.Emit(options.Out);
        return result;
    }
}
