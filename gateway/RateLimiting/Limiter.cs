using System.Collections.Concurrent;
using GoChat.GrainInterfaces;
using GoChat.Gateway.Api;
using GoChat.Gateway.Orleans;

namespace GoChat.Gateway.RateLimiting;

/// <summary>
/// The budgets of one kind of request: per user (or client address), shared by every gateway through
/// <see cref="IRateLimitGrain"/>; and per device, kept on this gateway, where the device's connection is.
/// </summary>
public sealed class Limiter
{
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _time;
    private readonly SiloLoss _loss;
    private readonly ILogger _logger;
    private readonly Func<RateLimitOptions> _options;
    private readonly Func<RateLimitOptions, RateLimitOptions.Budget> _budget;
    private readonly ConcurrentDictionary<string, LeasedPermits> _subjects = new();
    private readonly ConcurrentDictionary<string, LocalBucket> _devices = new();

    internal Limiter(string name, string refusal, IGrainFactory grains, TimeProvider time, SiloLoss loss, ILogger logger,
        Func<RateLimitOptions> options, Func<RateLimitOptions, RateLimitOptions.Budget> budget)
    {
        Name = name;
        Refusal = refusal;
        _grains = grains;
        _time = time;
        _loss = loss;
        _logger = logger;
        _options = options;
        _budget = budget;
        Key = name.ToLowerInvariant();
    }

    /// <summary>What it protects, as <see cref="RateLimiters"/> names it.</summary>
    public string Name { get; }

    /// <summary>The refusal's text for people, before "try again in ...".</summary>
    public string Refusal { get; }

    private string Key { get; }

    /// <param name="subject">The user id, or "ip:{address}" for requests made before signing in.</param>
    /// <param name="device">The device (or connection) within the subject; null when it has none.</param>
    /// <returns>Zero when the call may go ahead; otherwise how long until it may be tried again.</returns>
    public async ValueTask<TimeSpan> TryAcquire(string subject, string? device)
    {
        var options = _options();
        var budget = _budget(options);
        var deviceRule = device is null ? null : budget.PerDevice?.ToRule();
        LocalBucket? deviceBucket = null;
        if (deviceRule is not null)
        {
            // The device first: it is local, and a device over its own budget must not spend the user's.
            deviceBucket = _devices.GetOrAdd($"{subject}/{device}", _ => new LocalBucket(_time));
            var wait = deviceBucket.TryTake(deviceRule);
            if (wait > TimeSpan.Zero) return wait;
        }
        if (budget.PerUser is not { } userRule) return TimeSpan.Zero;
        var rule = userRule.ToRule();
        var share = _subjects.GetOrAdd(subject, s => new LeasedPermits(_grains.GetGrain<IRateLimitGrain>(IRateLimitGrain.Key(s, Key)), _time, _loss, _logger));
        var leaseSize = Math.Max(1, (int)Math.Floor(rule.Burst * options.LeaseShareOfBurst));
        var refused = await share.TryTake(rule, leaseSize, TimeSpan.FromMilliseconds(options.LeaseMilliseconds),
            TimeSpan.FromMilliseconds(options.LeaseWaitMilliseconds));
        if (refused > TimeSpan.Zero) deviceBucket?.GiveBack(deviceRule!);
        return refused;
    }

    /// <summary>Forgets budgets that hold nothing worth keeping: a full device bucket, a lapsed lease.</summary>
    internal void Sweep()
    {
        var now = _time.GetTimestamp();
        foreach (var (key, share) in _subjects)
        {
            if (share.IsIdle(now)) _subjects.TryRemove(new KeyValuePair<string, LeasedPermits>(key, share));
        }
        if (_budget(_options()).PerDevice?.ToRule() is not { } rule) return;
        foreach (var (key, bucket) in _devices)
        {
            if (bucket.IsIdle(rule)) _devices.TryRemove(new KeyValuePair<string, LocalBucket>(key, bucket));
        }
    }

    /// <summary>Budgets this gateway currently keeps (for tests and the docs' memory figure).</summary>
    internal int Count => _subjects.Count + _devices.Count;
}
