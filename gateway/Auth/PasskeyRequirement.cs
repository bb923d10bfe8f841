using GoChat.GrainInterfaces;
using Microsoft.Extensions.Options;

namespace GoChat.Gateway.Auth;

/// <summary>
/// On admin routes: an admin whose agency (or, for platform admins, the platform) requires passkeys must be in a
/// session that was started with one; otherwise 403 PASSKEY_REQUIRED, and the web client asks for a passkey.
/// </summary>
public sealed class PasskeyRequirement(IGrainFactory grains, IOptions<AdminPasskeyOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var user = context.HttpContext.User;
        if (!user.PasskeyVerified() && await Required(user))
        {
            throw new GoChatException(ErrorCodes.PasskeyRequired, "Admin work here needs a session started with a passkey: sign in with your passkey (add one under Security first).");
        }
        return await next(context);
    }

    private async Task<bool> Required(System.Security.Claims.ClaimsPrincipal user)
    {
        if (user.IsInRole(nameof(UserRole.PlatformAdmin))) return options.Value.RequirePasskeyForPlatformAdmins;
        if (user.IsInRole(nameof(UserRole.AgencyAdmin)) && user.AgencyId() is { } agency)
        {
            return await grains.GetGrain<IAgencyGrain>(agency).RequiresPasskeyForAdmins();
        }
        return false;
    }
}
