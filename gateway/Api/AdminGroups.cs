using GoChat.Gateway.Auth;

namespace GoChat.Gateway.Api;

public static class AdminGroups
{
    /// <summary>An admin route group: admins only, and signed in with a passkey where <see cref="PasskeyRequirement"/> asks for one.</summary>
    public static RouteGroupBuilder MapAdminGroup(this IEndpointRouteBuilder app, string prefix) =>
        app.MapGroup(prefix).WithTags("Admin").RequireAuthorization(Policies.Admin).AddEndpointFilter<PasskeyRequirement>();
}
