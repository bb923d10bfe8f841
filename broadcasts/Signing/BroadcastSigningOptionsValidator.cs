namespace GoChat.Broadcasts.Signing;

/// <summary>
/// Everything wrong with a <see cref="BroadcastSigningOptions"/>, checked as <see cref="AgencyKeyRing"/> will load
/// it, so a host can fail at start-up rather than at the first broadcast. The library takes no dependency on
/// Microsoft.Extensions.Options; a host wraps this in its IValidateOptions in a line:
/// <c>Validate(options) is { Count: > 0 } p ? ValidateOptionsResult.Fail(p) : ValidateOptionsResult.Success</c>.
/// </summary>
public static class BroadcastSigningOptionsValidator
{
    /// <param name="requireSigningKey">False for a host that only verifies (the public check) and holds no private key.</param>
    public static IReadOnlyList<string> Validate(BroadcastSigningOptions options, bool requireSigningKey = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = PlatformRoots.Problems(options.RootPublicKeys, out var roots);
        if (options.RootPublicKeys is not { Count: > 0 }) problems.Add("RootPublicKeys: at least one platform root public key is required.");
        if (problems.Count > 0) return problems;
        if (!AgencyKeyRing.TryCreate(roots, options.Keys ?? [], out _, out var keyProblems)) problems.AddRange(keyProblems);
        if (requireSigningKey && !(options.Keys ?? []).Any(k => k.Active))
            problems.Add("Keys: no active agency key, so nothing can be signed.");
        return problems;
    }
}
