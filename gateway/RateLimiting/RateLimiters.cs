using System.Security.Claims;
using GoChat.Gateway.Api;
using GoChat.Gateway.Auth;
using GoChat.Gateway.Orleans;
using Microsoft.Extensions.Options;

namespace GoChat.Gateway.RateLimiting;

/// <summary>
/// Every rate limit, named after what it protects. Hub methods name theirs with <see cref="RateLimitedAttribute"/>,
/// REST routes with <see cref="RateLimitEndpoints.RateLimited{TBuilder}"/>. Load-test principals (issued only by the
/// Benchmark environment's bulk route) pass unlimited, and only in that environment.
/// </summary>
public sealed class RateLimiters : IDisposable
{
    /// <summary>The environment whose load users are exempt; no other environment maps the route that makes them.</summary>
    public const string BenchmarkEnvironment = "Benchmark";

    private readonly ITimer _sweeper;
    private readonly bool _exemptLoadTests;
    private readonly Dictionary<string, Limiter> _byName;

    public RateLimiters(IGrainFactory grains, IOptionsMonitor<RateLimitOptions> options, TimeProvider time, SiloLoss loss, IHostEnvironment environment, ILogger<RateLimiters> logger)
    {
        Limiter Make(string name, string refusal, Func<RateLimitOptions, RateLimitOptions.Budget> budget) =>
            new(name, refusal, grains, time, loss, logger, () => options.CurrentValue, budget);

        Sends = Make(nameof(Sends), "Too many messages and changes in a short time", o => o.Sends);
        Searches = Make(nameof(Searches), "Too many directory searches in a short time", o => o.Searches);
        Uploads = Make(nameof(Uploads), "Too many uploads in a short time", o => o.Uploads);
        DirectoryReads = Make(nameof(DirectoryReads), "Too many profiles opened in a short time", o => o.DirectoryReads);
        CodeRequests = Make(nameof(CodeRequests), "Too many sign-in codes requested from this address", o => o.CodeRequests);
        Typing = Make(nameof(Typing), "Too many typing signals in a short time", o => o.Typing);
        _byName = new[] { Sends, Searches, Uploads, DirectoryReads, CodeRequests, Typing }.ToDictionary(l => l.Name, StringComparer.Ordinal);
        _exemptLoadTests = environment.IsEnvironment(BenchmarkEnvironment);
        // Budgets of people who stopped are dropped now and then; a dropped one is full or lapsed anyway.
        _sweeper = time.CreateTimer(_ => Sweep(), null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
    }

    /// <summary>Messages sent, edited, deleted; groups created and members added.</summary>
    public Limiter Sends { get; }

    /// <summary>Contact directory searches.</summary>
    public Limiter Searches { get; }

    /// <summary>Profile pictures uploaded.</summary>
    public Limiter Uploads { get; }

    /// <summary>Other people's cards read.</summary>
    public Limiter DirectoryReads { get; }

    /// <summary>Sign-in codes asked for, per client address.</summary>
    public Limiter CodeRequests { get; }

    /// <summary>Typing signals; the excess is dropped, not refused.</summary>
    public Limiter Typing { get; }

    public Limiter this[string name] => _byName.TryGetValue(name, out var limiter)
        ? limiter
        : throw new InvalidOperationException($"No rate limiter named {name}.");

    /// <summary>A load-test principal, in the one environment where they exist.</summary>
    public bool IsExempt(ClaimsPrincipal? user) => _exemptLoadTests && user.IsLoadTest();

    /// <summary>Budgets this gateway keeps now, over every limiter.</summary>
    public int Count => _byName.Values.Sum(l => l.Count);

    public void Sweep()
    {
        foreach (var limiter in _byName.Values) limiter.Sweep();
    }

    public void Dispose() => _sweeper.Dispose();
}
