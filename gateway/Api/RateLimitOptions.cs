using System.ComponentModel.DataAnnotations;
using GoChat.GrainInterfaces.Models;

namespace GoChat.Gateway.Api;

/// <summary>
/// Section "RateLimits": the per-IP window on /api/auth, and the budgets of <see cref="RateLimiting.RateLimiters"/>,
/// each per user (shared by every gateway) and per device (this gateway's). Defaults a heavy human user never meets.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    [Range(1, 100_000)] public int AuthRequestsPerIpPerMinute { get; set; } = 30;

    /// <summary>How long a gateway may keep leased permits before they go back: an idle gateway hoards nothing.</summary>
    [Range(50, 60_000)] public int LeaseMilliseconds { get; set; } = 1000;

    /// <summary>
    /// How long a call waits for a lease from the cluster-wide budget before it goes ahead on this gateway's own
    /// say (the per-device budget still holds): a budget whose grain was on a silo that just died must not hold sends
    /// for the response timeout.
    /// </summary>
    [Range(50, 60_000)] public int LeaseWaitMilliseconds { get; set; } = 1000;

    /// <summary>A lease takes at most this share of a burst, so the user's other gateways find permits too.</summary>
    [Range(0.01, 1)] public double LeaseShareOfBurst { get; set; } = 0.1;

    /// <summary>
    /// A hub refusal waits up to this long (no longer than the wait it announces) before it is answered: a flooding
    /// connection is slowed to the budget's pace instead of costing a refusal per call. 0 answers at once.
    /// </summary>
    [Range(0, 10_000)] public int RefusalDelayMilliseconds { get; set; } = 1000;

    /// <summary>SendMessage, EditMessage, DeleteMessage, CreateGroup, AddMembers.</summary>
    public Budget Sends { get; set; } = new() { PerUser = new(10, 50), PerDevice = new(6, 30) };

    /// <summary>Directory search: hub SearchDirectory, GET /api/directory.</summary>
    public Budget Searches { get; set; } = new() { PerUser = new(5, 20), PerDevice = new(3, 12) };

    /// <summary>Profile pictures: PUT /api/me/photo (10 a minute).</summary>
    public Budget Uploads { get; set; } = new() { PerUser = new(10 / 60.0, 10), PerDevice = new(6 / 60.0, 6) };

    /// <summary>Cards of other people: hub GetProfile, GET /api/users/{id}.</summary>
    public Budget DirectoryReads { get; set; } = new() { PerUser = new(20, 100), PerDevice = new(12, 60) };

    /// <summary>
    /// POST /api/auth/code per client address, across gateways (one office behind one NAT address signs in through it,
    /// hence generous). Each email address has its own limit in the grain (Identity:MaxCodesPerWindow).
    /// </summary>
    public Budget CodeRequests { get; set; } = new() { PerUser = new(1, 60), PerDevice = null };

    /// <summary>
    /// Hub Typing, start and stop alike: the web client sends a start at most every 3 s while keys are pressed and a stop
    /// when the text is sent; beyond this the signals are dropped (a large group fans each one out to whoever has it open).
    /// </summary>
    public Budget Typing { get; set; } = new() { PerUser = new(1, 5), PerDevice = null };

    public IEnumerable<(string Name, Budget Budget)> Budgets() =>
        [(nameof(Sends), Sends), (nameof(Searches), Searches), (nameof(Uploads), Uploads), (nameof(DirectoryReads), DirectoryReads), (nameof(CodeRequests), CodeRequests), (nameof(Typing), Typing)];

    /// <summary>Every budget has a per-user rule and every rule a positive rate and burst.</summary>
    public bool IsValid() => Budgets().All(b => b.Budget.PerUser is { IsValid: true } && b.Budget.PerDevice is null or { IsValid: true });

    public sealed class Budget
    {
        /// <summary>Per user, or per client address for <see cref="CodeRequests"/>: one bucket shared by every gateway.</summary>
        public Rule? PerUser { get; set; }

        /// <summary>Per device (the token's device id; a connection, or the user, when the token has none), on its gateway.</summary>
        public Rule? PerDevice { get; set; }
    }

    public sealed class Rule
    {
        public Rule() { }

        public Rule(double perSecond, int burst)
        {
            PerSecond = perSecond;
            Burst = burst;
        }

        /// <summary>Permits refilled per second (sustained rate); 0.1667 is 10 a minute.</summary>
        public double PerSecond { get; set; }

        /// <summary>Permits that may be spent at once after a quiet spell.</summary>
        public int Burst { get; set; }

        public bool IsValid => PerSecond is > 0 and <= 1_000_000 && Burst is >= 1 and <= 1_000_000;

        public RateRule ToRule() => new(PerSecond, Burst);
    }
}
