using System.Security.Claims;
using GoChat.GrainInterfaces;

namespace GoChat.Gateway.Auth;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The authenticated user's id; every grain call names it so grains can enforce membership.</summary>
    public static Guid UserId(this ClaimsPrincipal? principal)
    {
        var value = principal?.FindFirstValue(ClaimTypes.NameIdentifier) ?? principal?.FindFirstValue("sub");
        return Guid.TryParse(value, out var id) ? id : throw new GoChatException(ErrorCodes.Unauthenticated, "Sign in first.");
    }
}
