using GoChat.GrainInterfaces;
using GoChat.Gateway.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GoChat.Gateway.Api;

/// <summary>
/// Agency-admin REST: people, roles and the audit log of the caller's own agency (platform admins: any).
/// The policy lets admins in; the grains decide whether this admin may act on this agency or user.
/// </summary>
public static class AdminEndpoints
{
    public sealed record RoleRequest(UserRole Role);

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(Policies.Admin).AddEndpointFilter<PasskeyRequirement>();

        admin.MapGet("/agencies/{agencyId}/users", (Guid agencyId, AccountStatus? status, HttpContext ctx, IGrainFactory grains) =>
            Queries(grains).ListUsers(ctx.User.UserId(), agencyId, status)).WithName("ListAgencyUsers");

        admin.MapPost("/users/{userId}/approve", (Guid userId, HttpContext ctx, IGrainFactory grains) =>
            User(grains, userId).Approve(ctx.User.UserId())).WithName("ApproveUser");
        admin.MapPost("/users/{userId}/reject", (Guid userId, HttpContext ctx, IGrainFactory grains) =>
            User(grains, userId).Reject(ctx.User.UserId())).WithName("RejectUser");
        admin.MapPost("/users/{userId}/suspend", (Guid userId, HttpContext ctx, IGrainFactory grains) =>
            User(grains, userId).Suspend(ctx.User.UserId())).WithName("SuspendUser");
        admin.MapPost("/users/{userId}/reinstate", (Guid userId, HttpContext ctx, IGrainFactory grains) =>
            User(grains, userId).Reinstate(ctx.User.UserId())).WithName("ReinstateUser");
        admin.MapPut("/users/{userId}/role", (Guid userId, RoleRequest request, HttpContext ctx, IGrainFactory grains) =>
            User(grains, userId).SetRole(ctx.User.UserId(), request.Role)).WithName("SetUserRole");
        admin.MapPut("/users/{userId}/permissions", (Guid userId, ExternalPermissions request, HttpContext ctx, IGrainFactory grains) =>
            User(grains, userId).SetExternalPermissions(ctx.User.UserId(), request)).WithName("SetExternalUserPermissions");

        admin.MapGet("/agencies/{agencyId}/audit", (Guid agencyId, long? before, int? limit, HttpContext ctx, IGrainFactory grains) =>
            Queries(grains).ReadAudit(ctx.User.UserId(), agencyId, before, limit ?? 100)).WithName("ReadAgencyAudit");
        admin.MapGet("/audit/verify", (HttpContext ctx, IGrainFactory grains) =>
            Queries(grains).VerifyAudit(ctx.User.UserId())).WithName("VerifyAuditChain");
        return app;
    }

    private static IAdminQueryGrain Queries(IGrainFactory grains) => grains.GetGrain<IAdminQueryGrain>(0);

    private static IUserGrain User(IGrainFactory grains, Guid userId) => grains.GetGrain<IUserGrain>(userId);
}
