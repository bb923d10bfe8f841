using GoChat.Gateway.Api;
using GoChat.GrainInterfaces;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace GoChat.Gateway.Auth;

/// <summary>
/// The authorization middleware's own 403 (a signed-in user who is not an admin on an admin route) carries no body;
/// this writes it as problem details with code FORBIDDEN like every other refusal. Challenges (no or bad token) still
/// go to the bearer handler, whose OnChallenge (<see cref="BearerEvents"/>) writes 401 with its codes.
/// </summary>
public sealed class ForbiddenProblemHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden || authorizeResult.Challenged)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }
        await context.WriteProblem(StatusCodes.Status403Forbidden, "You may not do this.", ErrorCodes.Forbidden);
    }
}
