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
    /// <summary>Nullable so that a body without the field is refused rather than read as the enum's first value.</summary>
    public sealed record RoleRequest(UserRole? Role);

    /// <summary>Both fields required: a body missing one must not quietly turn that permission off.</summary>
    public sealed record PermissionsRequest(bool? CanCreateGroups, bool? CanSeeAllAgencies);

    /// <summary>Rows per page of users or audit when the client does not say; it asks for the next page by offset or before.</summary>
    private const int DefaultPage = 100;

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapAdminGroup("/api/admin");

        admin.MapGet("/agencies/{agencyId}/users", (Guid agencyId, AccountStatus? status, string? q, int? offset, int? limit, HttpContext ctx, IGrainFactory grains) =>
            Queries(grains).ListUsers(ctx.User.UserId(), agencyId, status, q, offset ?? 0, limit ?? DefaultPage)).WithName("ListAgencyUsers");
        admin.MapGet("/users/{userId}/permissions", (Guid userId, HttpContext ctx, IGrainFactory grains) =>
            User(grains, userId).GetExternalPermissions(ctx.User.UserId())).WithName("GetExternalUserPermissions");

        admin.MapPost("/users/{userId}/approve", (Guid userId, HttpContext ctx, IGrainFactory grains) =>
            User(grains, userId).Approve(ctx.User.UserId())).WithName("ApproveUser");
        admin.MapPost("/users/{userId}/reject", (Guid userId, HttpContext ctx, IGrainFactory grains) =>
            User(grains, userId).Reject(ctx.User.UserId())).WithName("RejectUser");
        admin.MapPost("/users/{userId}/suspend", (Guid userId, HttpContext ctx, IGrainFactory grains) =>
            User(grains, userId).Suspend(ctx.User.UserId())).WithName("SuspendUser");
        admin.MapPost("/users/{userId}/reinstate", (Guid userId, HttpContext ctx, IGrainFactory grains) =>
            User(grains, userId).Reinstate(ctx.User.UserId())).WithName("ReinstateUser");
        admin.MapPut("/users/{userId}/role", (Guid userId, RoleRequest request, HttpContext ctx, IGrainFactory grains) =>
            User(grains, userId).SetRole(ctx.User.UserId(), request.Role ?? throw GoChatException.Invalid("role is required."))).WithName("SetUserRole");
        admin.MapPut("/users/{userId}/permissions", (Guid userId, PermissionsRequest request, HttpContext ctx, IGrainFactory grains) =>
            User(grains, userId).SetExternalPermissions(ctx.User.UserId(), new ExternalPermissions(
                request.CanCreateGroups ?? throw GoChatException.Invalid("canCreateGroups is required."),
                request.CanSeeAllAgencies ?? throw GoChatException.Invalid("canSeeAllAgencies is required.")))).WithName("SetExternalUserPermissions");

        admin.MapGet("/agencies/{agencyId}/audit", (Guid agencyId, long? before, int? limit, string? q, HttpContext ctx, IGrainFactory grains) =>
            Queries(grains).ReadAudit(ctx.User.UserId(), agencyId, before, limit ?? DefaultPage, q)).WithName("ReadAgencyAudit");
        admin.MapGet("/audit/verify", (HttpContext ctx, IGrainFactory grains) =>
            Queries(grains).VerifyAudit(ctx.User.UserId())).WithName("VerifyAuditChain");
        return app;
    }

    private static IAdminQueryGrain Queries(IGrainFactory grains) => grains.GetGrain<IAdminQueryGrain>(0);

    private static IUserGrain User(IGrainFactory grains, Guid userId) => grains.GetGrain<IUserGrain>(userId);
}
