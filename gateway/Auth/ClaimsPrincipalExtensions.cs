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

    public static Guid? DeviceId(this ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirstValue(GoChatClaims.Device), out var id) ? id : null;

    public static bool IsLoadTest(this ClaimsPrincipal? principal) => principal?.FindFirstValue(GoChatClaims.LoadTest) == "true";

    public static int SessionEpoch(this ClaimsPrincipal? principal) =>
        int.TryParse(principal?.FindFirstValue(GoChatClaims.SessionEpoch), out var epoch) ? epoch : 0;

    /// <summary>The session was started with a passkey: the token says so, and tokens are signed.</summary>
    public static bool PasskeyVerified(this ClaimsPrincipal? principal) =>
        principal?.Claims.Any(c => c.Type is GoChatClaims.AuthMethod or GoChatClaims.MappedAuthMethod && c.Value == GoChatClaims.PasskeyMethod) == true;

    public static Guid? AgencyId(this ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirstValue(GoChatClaims.Agency), out var id) ? id : null;
}
