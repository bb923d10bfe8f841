using System.Diagnostics;
using OpenTelemetry;

namespace GoChat.Gateway.Tests.Telemetry;

/// <summary>An OpenTelemetry processor that keeps every span that ends, where an exporter would get it.</summary>
public sealed class SpanCollector : BaseProcessor<Activity>
{
    private readonly List<Activity> _ended = [];
    private readonly List<(Func<Activity, bool> Match, TaskCompletionSource<Activity> Found)> _waiters = [];

    public IReadOnlyList<Activity> Ended
    {
        get { lock (_ended) return [.. _ended]; }
    }

    public IReadOnlyList<Activity> InTrace(ActivityTraceId traceId) => Ended.Where(a => a.TraceId == traceId).ToList();

    public override void OnEnd(Activity activity)
    {
        lock (_ended)
        {
            _ended.Add(activity);
            foreach (var waiter in _waiters.Where(w => w.Match(activity)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Found.TrySetResult(activity);
            }
        }
    }

    /// <summary>The first ended span that matches, waiting for it to end if need be.</summary>
    public async Task<Activity> WaitFor(Func<Activity, bool> match, string what, TimeSpan? timeout = null)
    {
        var found = new TaskCompletionSource<Activity>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_ended)
        {
            if (_ended.FirstOrDefault(match) is { } done) return done;
            _waiters.Add((match, found));
        }
        try
        {
            return await found.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No span {what} ended; ended spans: {string.Join(", ", Ended.Select(a => a.DisplayName).Distinct().Take(30))}");
        }
    }
}
