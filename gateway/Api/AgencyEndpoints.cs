using GoChat.GrainInterfaces;
using GoChat.Gateway.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GoChat.Gateway.Api;

/// <summary>Agencies: a public list (externals pick the agency they join), and their management by admins.</summary>
public static class AgencyEndpoints
{
    public sealed record CreateAgencyRequest(string Name, AgencyCategory Category, string[]? Domains);

    public sealed record DomainRequest(string Domain);

    public static IEndpointRouteBuilder MapAgencyApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/agencies", (IGrainFactory grains) => grains.GetGrain<IAgencyDirectoryGrain>(0).ListAgencies())
            .WithTags("Agencies").WithName("ListAgencies");

        var admin = app.MapGroup("/api/admin/agencies").WithTags("Admin").RequireAuthorization(Policies.Admin);
        admin.MapPost("/", CreateAgency).WithName("CreateAgency").RequireAuthorization(Policies.PlatformAdmin);
        admin.MapPost("/{agencyId}/domains", async (Guid agencyId, DomainRequest request, HttpContext ctx, IGrainFactory grains) =>
            TypedResults.Ok(await grains.GetGrain<IAgencyGrain>(agencyId).AddDomain(ctx.User.UserId(), request.Domain))).WithName("AddAgencyDomain");
        admin.MapDelete("/{agencyId}/domains/{domain}", async (Guid agencyId, string domain, HttpContext ctx, IGrainFactory grains) =>
            TypedResults.Ok(await grains.GetGrain<IAgencyGrain>(agencyId).RemoveDomain(ctx.User.UserId(), domain))).WithName("RemoveAgencyDomain");
        return app;
    }

    private static async Task<Created<AgencyInfo>> CreateAgency(CreateAgencyRequest request, HttpContext ctx, IGrainFactory grains)
    {
        var info = await grains.GetGrain<IAgencyGrain>(Guid.NewGuid()).Create(ctx.User.UserId(), request.Name, request.Category, request.Domains ?? []);
        return TypedResults.Created($"/api/agencies/{info.Id}", info);
    }
}
