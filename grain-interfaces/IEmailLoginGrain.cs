namespace GoChat.GrainInterfaces;

/// <summary>
/// Sign-in by one-time code for one email address (key: the address, lower-cased). It sends codes, limits
/// how often and how many tries, and remembers which user the address belongs to.
/// </summary>
[Alias("gochat.IEmailLoginGrain")]
public interface IEmailLoginGrain : IGrainWithStringKey
{
    /// <summary>Sends a fresh code. The answer is the same whether or not the address is registered.</summary>
    [Alias("RequestCode")] Task RequestCode();

    /// <summary>
    /// Checks the code and returns the user it proves, creating the account on first use: into the agency
    /// that owns the domain, or as an external user pending approval by <paramref name="requestedAgencyId"/>.
    /// </summary>
    [Alias("VerifyCode")] Task<AccountInfo> VerifyCode(string code, Guid? requestedAgencyId, string? displayName);
}
