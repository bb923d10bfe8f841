using System.Diagnostics.Metrics;

namespace GoChat.Gateway.Telemetry;

/// <summary>
/// The benchmark's window probe of a server process (Benchmark environment only, like the bulk user route): what can
/// stall a message for a second without the process being overloaded. GET /api/bench/runtime returns cumulative figures
/// (GC pause time and collections, lock contentions, thread-pool work items, the message log's group commits and their
/// total time) and maxima since the previous read (thread-pool queue length and how late a 20 ms timer fired, both
/// sampled by a timer; the slowest group commit). The benchmark reads it on every window edge, so a maximum is the
/// window's; names ending in "Max" are those.
/// </summary>
public static class BenchRuntimeEndpoints
{
    private static readonly Lazy<RuntimeSampler> Sampler = new(() => new RuntimeSampler());

    public static IEndpointRouteBuilder MapBenchRuntime(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/bench/runtime", () => TypedResults.Ok(Sampler.Value.Read())).AllowAnonymous().WithTags("Benchmark").ExcludeFromDescription();
        // Started with the route, not on the first read, so the first window's maxima cover all of it.
        _ = Sampler.Value;
        return app;
    }

    private sealed class RuntimeSampler
    {
        private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);
        private readonly MeterListener _listener = new();
        private readonly Lock _gate = new();
        private readonly Timer _timer;
        private long _lastTick = Environment.TickCount64;
        private long _commits;
        private double _commitMs;
        private double _commitMsMax;
        private long _queueMax;
        private long _timerLagMsMax;

        public RuntimeSampler()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                // The group-commit writer's per-batch commit time (grains/Telemetry/GoChatMetrics.cs), in this process if the silo runs here.
                if (instrument.Meter.Name == "GoChat" && instrument.Name == "gochat.storage.commit.duration") listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<double>((_, ms, _, _) =>
            {
                lock (_gate)
                {
                    _commits++;
                    _commitMs += ms;
                    if (ms > _commitMsMax) _commitMsMax = ms;
                }
            });
            _listener.Start();
            _timer = new Timer(_ => Sample(), null, Tick, Tick);
        }

        private void Sample()
        {
            var now = Environment.TickCount64;
            var lag = now - Interlocked.Exchange(ref _lastTick, now) - (long)Tick.TotalMilliseconds;
            lock (_gate)
            {
                if (lag > _timerLagMsMax) _timerLagMsMax = lag;
                var queue = ThreadPool.PendingWorkItemCount;
                if (queue > _queueMax) _queueMax = queue;
            }
        }

        public Dictionary<string, double> Read()
        {
            lock (_gate)
            {
                var figures = new Dictionary<string, double>(StringComparer.Ordinal)
                {
                    ["gcPauseMs"] = GC.GetTotalPauseDuration().TotalMilliseconds,
                    ["gen0"] = GC.CollectionCount(0),
                    ["gen1"] = GC.CollectionCount(1),
                    ["gen2"] = GC.CollectionCount(2),
                    ["lockContentions"] = Monitor.LockContentionCount,
                    ["workItems"] = ThreadPool.CompletedWorkItemCount,
                    ["threads"] = ThreadPool.ThreadCount,
                    ["commits"] = _commits,
                    ["commitMs"] = Math.Round(_commitMs, 1),
                    ["commitMsMax"] = Math.Round(_commitMsMax, 1),
                    ["queueMax"] = _queueMax,
                    ["timerLagMsMax"] = _timerLagMsMax,
                };
                _commitMsMax = 0;
                _queueMax = 0;
                _timerLagMsMax = 0;
                return figures;
            }
        }
    }
}
