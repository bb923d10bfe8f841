using System.Text.RegularExpressions;
using GoChat.GrainInterfaces;
using GoChat.GrainInterfaces.Models;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GoChat.Gateway.Auth;

/// <summary>
/// Development-only sign-in by handle, until registration with an emailed code exists.
/// Mapped only when the environment is Development.
/// </summary>
public static partial class DevSignInEndpoints
{
    public sealed record DevSignInRequest(string Handle, string? DisplayName);

    public sealed record DevSignInResponse(Guid UserId, string Handle, string DisplayName, string AccessToken, DateTimeOffset ExpiresAt);

    /// <summary>
    /// Development and the benchmark's environment only: production never mints a token without a device session,
    /// so the bearer check refuses such tokens there.
    /// </summary>
    public static bool IsEnabled(IHostEnvironment environment) => environment.IsDevelopment() || environment.IsEnvironment("Benchmark");

    public static IEndpointRouteBuilder MapDevSignIn(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/dev").WithTags("Development");
        group.MapPost("/sign-in", SignIn).WithName("DevSignIn");
        group.MapGet("/users/{handle}", FindUser).WithName("DevFindUser");
        return app;
    }

    /// <summary>Refusals are GoChatExceptions like every other route's, so they carry a code (INVALID_TEXT / INVALID_ARGUMENT).</summary>
    private static async Task<Ok<DevSignInResponse>> SignIn(DevSignInRequest request, IGrainFactory grains, TokenService tokens)
    {
        TextRules.RequireStorable(request.Handle, "The handle");
        var handle = request.Handle?.Trim().ToLowerInvariant() ?? "";
        if (!HandlePattern().IsMatch(handle)) throw GoChatException.Invalid("The handle is 2 to 32 characters: a-z, 0-9, '.', '_' or '-'.");
        TextRules.RequireStorable(request.DisplayName, "The display name");
        var displayName = TextRules.IsBlank(request.DisplayName) ? handle : request.DisplayName!.Trim();
        if (displayName.Length > Limits.MaxDisplayNameLength)
            throw GoChatException.Invalid($"The display name has at most {Limits.MaxDisplayNameLength} characters.");
        var userId = UserIds.ForHandle(handle);
        var account = await grains.GetGrain<IUserGrain>(userId).Register(handle, displayName);
        var (token, expires) = tokens.Issue(account, deviceId: null);
        // The id is the handle's, so the handle is the one the account was registered with.
        return TypedResults.Ok(new DevSignInResponse(userId, handle, account.DisplayName, token, expires));
    }

    private static async Task<Results<Ok<UserProfile>, ProblemHttpResult>> FindUser(string handle, IGrainFactory grains)
    {
        var profile = await grains.GetGrain<IProfileGrain>(UserIds.ForHandle(handle.Trim())).GetProfile();
        return profile is null
            ? TypedResults.Problem(title: "No such user", statusCode: StatusCodes.Status404NotFound, extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.UserNotFound })
            : TypedResults.Ok(profile);
    }

    [GeneratedRegex("^[a-z0-9._-]{2,32}$")]
    private static partial Regex HandlePattern();
}
