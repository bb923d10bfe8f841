using GoChat.GrainInterfaces;
using GoChat.Gateway.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GoChat.Gateway.Api;

/// <summary>Agencies: a public list (externals pick the agency they join), and their creation. Domains: DomainEndpoints.</summary>
public static class AgencyEndpoints
{
    public sealed record CreateAgencyRequest(string Name, AgencyCategory Category, string[]? Domains);

    public static IEndpointRouteBuilder MapAgencyApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/agencies", (IGrainFactory grains) => grains.GetGrain<IAgencyDirectoryGrain>(0).ListAgencies())
            .WithTags("Agencies").WithName("ListAgencies");

        var admin = app.MapAdminGroup("/api/admin/agencies");
        admin.MapPost("/", CreateAgency).WithName("CreateAgency").RequireAuthorization(Policies.PlatformAdmin);
        // Passkeys (issue 12, item 4)
        admin.MapGet("/{agencyId}/security", (Guid agencyId, HttpContext ctx, IGrainFactory grains) =>
            grains.GetGrain<IAgencyGrain>(agencyId).GetSecurity(ctx.User.UserId())).WithName("GetAgencySecurity");
        admin.MapPut("/{agencyId}/security", (Guid agencyId, SecurityRequest request, HttpContext ctx, IGrainFactory grains) =>
            grains.GetGrain<IAgencyGrain>(agencyId).SetSecurity(ctx.User.UserId(),
                new AgencySecurity(request.RequirePasskeyForAdmins ?? throw GoChatException.Invalid("requirePasskeyForAdmins (true or false) is required."))))
            .WithName("SetAgencySecurity");
        return app;
    }

    public sealed record SecurityRequest(bool? RequirePasskeyForAdmins);

    private static async Task<Created<AgencyInfo>> CreateAgency(CreateAgencyRequest request, HttpContext ctx, IGrainFactory grains)
    {
        // An agency has a handful of domains; thousands in one request are a way to fill the domain table.
        if (request.Domains is { Length: > Limits.MaxAgencyDomains })
            throw GoChatException.Invalid($"An agency is created with at most {Limits.MaxAgencyDomains} domains.");
        var info = await grains.GetGrain<IAgencyGrain>(Guid.NewGuid()).Create(ctx.User.UserId(), request.Name, request.Category, request.Domains ?? []);
        return TypedResults.Created($"/api/agencies/{info.Id}", info);
    }
}
