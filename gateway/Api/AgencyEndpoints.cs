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

        var admin = app.MapGroup("/api/admin/agencies").WithTags("Admin").RequireAuthorization(Policies.Admin);
        admin.MapPost("/", CreateAgency).WithName("CreateAgency").RequireAuthorization(Policies.PlatformAdmin);
        return app;
    }

    private static async Task<Created<AgencyInfo>> CreateAgency(CreateAgencyRequest request, HttpContext ctx, IGrainFactory grains)
    {
        var info = await grains.GetGrain<IAgencyGrain>(Guid.NewGuid()).Create(ctx.User.UserId(), request.Name, request.Category, request.Domains ?? []);
        return TypedResults.Created($"/api/agencies/{info.Id}", info);
    }
}
