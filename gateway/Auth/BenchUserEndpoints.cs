using System.Text.RegularExpressions;
using GoChat.GrainInterfaces;
using GoChat.Gateway.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GoChat.Gateway.Auth;

/// <summary>
/// The benchmark's bulk provisioning: thousands of users in one call, with tokens marked as load-test principals
/// (exempt from the per-user and per-device rate limits). Mapped only in the Benchmark environment, the only one
/// where that mark counts (<see cref="RateLimiters.IsExempt"/>); everywhere else the route does not exist.
/// </summary>
public static partial class BenchUserEndpoints
{
    public const int MaxUsersPerCall = 10_000;

    /// <param name="AgencyId">Staff of this agency (a bench agency, <see cref="BenchAgencyRequest"/>), with <paramref name="Role"/>.</param>
    public sealed record BenchUsersRequest(string Prefix, int Count, Guid? AgencyId = null, UserRole? Role = null);

    public sealed record BenchAgencyRequest(string Name);

    public sealed record BenchUser(Guid UserId, string Handle, string AccessToken, DateTimeOffset ExpiresAt);

    public static IEndpointRouteBuilder MapBenchUsers(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/bench/users", Provision).WithTags("Benchmark").WithName("BenchProvisionUsers");
        app.MapPost("/api/bench/agencies", CreateAgency).WithTags("Benchmark").WithName("BenchCreateAgency");
        return app;
    }

    /// <summary>Users "{prefix}-0" .. "{prefix}-{count-1}", registered as the dev sign-in does, each with a load-test token.</summary>
    private static async Task<Ok<BenchUser[]>> Provision(BenchUsersRequest request, IGrainFactory grains, TokenService tokens, CancellationToken ct)
    {
        var prefix = request?.Prefix?.Trim().ToLowerInvariant() ?? "";
        if (!PrefixPattern().IsMatch(prefix)) throw GoChatException.Invalid("The prefix is 1 to 20 characters: a-z, 0-9, '.', '_' or '-'.");
        if (request!.Count is < 1 or > MaxUsersPerCall) throw GoChatException.Invalid($"Provision 1 to {MaxUsersPerCall} users per call.");
        var users = new BenchUser[request.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, request.Count), new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct }, async (i, _) =>
        {
            var handle = $"{prefix}-{i}";
            var userId = UserIds.ForHandle(handle);
            // Staff as registration makes them (the mandatory channels of the agency enrol them), or plain load users.
            var account = request.AgencyId is { } agency
                ? await grains.GetGrain<IUserGrain>(userId).CreateAccount(new AccountSetup($"{handle}@bench.gov.my", handle, agency, false, request.Role ?? UserRole.User, AccountStatus.Active))
                : await grains.GetGrain<IUserGrain>(userId).Register(handle, handle);
            var (token, expires) = tokens.Issue(account, deviceId: null, loadTest: true);
            users[i] = new BenchUser(userId, handle, token, expires);
        });
        return TypedResults.Ok(users);
    }

    /// <summary>An agency for channel workloads, created by a bench platform admin made for the purpose.</summary>
    private static async Task<Ok<Guid>> CreateAgency(BenchAgencyRequest request, IGrainFactory grains)
    {
        var admin = UserIds.ForHandle("bench-platform-admin");
        await grains.GetGrain<IUserGrain>(admin).CreateAccount(new AccountSetup("bench-platform-admin@bench.gov.my", "Bench admin", null, false, UserRole.PlatformAdmin, AccountStatus.Active));
        var id = Guid.NewGuid();
        await grains.GetGrain<IAgencyGrain>(id).Create(admin, TextRules.Required(request?.Name, 200, "An agency name"), AgencyCategory.FederalAgency, []);
        return TypedResults.Ok(id);
    }

    [GeneratedRegex("^[a-z0-9._-]{1,20}$")]
    private static partial Regex PrefixPattern();
}
