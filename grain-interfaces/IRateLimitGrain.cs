namespace GoChat.GrainInterfaces;

/// <summary>
/// One cluster-wide budget (key "{subject}/{limiter}": a user id, or "ip:{address}", and what the budget protects):
/// a token bucket kept in memory. Gateways lease small batches of permits and spend them locally, so a user with
/// connections on several gateways shares one budget without a grain call per request. Losing the activation
/// (a silo died, the budget sat idle) only refills the bucket early.
/// </summary>
[Alias("gochat.IRateLimitGrain")]
public interface IRateLimitGrain : IGrainWithStringKey
{
    /// <summary>
    /// Takes up to <paramref name="wanted"/> permits under <paramref name="rule"/> (the gateway's configuration), after
    /// putting back <paramref name="returned"/> permits of an earlier lease that expired unused on that gateway.
    /// </summary>
    [Alias("Lease")] Task<PermitLease> Lease(RateRule rule, int wanted, int returned);

    /// <summary>Key of the budget of <paramref name="subject"/> for the limiter <paramref name="limiter"/>.</summary>
    static string Key(string subject, string limiter) => $"{subject}/{limiter}";
}
