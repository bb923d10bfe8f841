using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace GoChat.ServiceDefaults;

/// <summary>
/// The benchmark's window on the counters a process already exports ("GoChat" deliveries, "Microsoft.Orleans"
/// messaging): totals since start, read over HTTP (GET /bench/counters) before and after a measured window, so a
/// workload reports Orleans messages and SignalR pushes per message sent without an OTLP collector. Only in the
/// Benchmark environment with Bench:Counters=true: a listener makes every instrument it enables record, which costs
/// a little on the message path, so the other workloads run without it.
/// </summary>
public sealed class BenchCounters : IDisposable
{
    public const string EnabledKey = "Bench:Counters";
    public const string Path = "/bench/counters";
    private static readonly string[] MeterNames = ["GoChat", "Microsoft.Orleans"];

    private readonly MeterListener _listener = new();
    private readonly Lock _reading = new();
    private readonly ConcurrentDictionary<string, Total> _totals = new(StringComparer.Ordinal);

    public BenchCounters()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (!MeterNames.Contains(instrument.Meter.Name)) return;
            var histogram = instrument.GetType().IsGenericType && instrument.GetType().GetGenericTypeDefinition() == typeof(Histogram<>);
            var name = histogram ? instrument.Name + ".count" : instrument.Name;
            listener.EnableMeasurementEvents(instrument, _totals.GetOrAdd(name, _ => new Total(instrument.IsObservable, histogram)));
        };
        _listener.SetMeasurementEventCallback<long>((_, v, _, state) => ((Total)state!).Add(v));
        _listener.SetMeasurementEventCallback<int>((_, v, _, state) => ((Total)state!).Add(v));
        _listener.SetMeasurementEventCallback<double>((_, v, _, state) => ((Total)state!).Add((long)v));
        _listener.Start();
    }

    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment) =>
        environment.IsEnvironment("Benchmark") && configuration.GetValue<bool>(EnabledKey);

    /// <summary>Counters: their total; observable ones: what they report now (summed over tags); histograms: how many values were recorded.</summary>
    public IReadOnlyDictionary<string, long> Read()
    {
        // One reader at a time: an observable total is rebuilt from the callbacks that this call triggers.
        lock (_reading)
        {
            foreach (var total in _totals.Values) total.ResetIfObservable();
            _listener.RecordObservableInstruments();
            return _totals.ToDictionary(t => t.Key, t => t.Value.Value, StringComparer.Ordinal);
        }
    }

    public void Dispose() => _listener.Dispose();

    private sealed class Total(bool observable, bool histogram)
    {
        private long _value;

        public long Value => Interlocked.Read(ref _value);

        public void Add(long value) => Interlocked.Add(ref _value, histogram ? 1 : value);

        public void ResetIfObservable()
        {
            if (observable) Interlocked.Exchange(ref _value, 0);
        }
    }
}
