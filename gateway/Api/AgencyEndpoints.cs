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

        var admin = app.MapGroup("/api/admin/agencies").WithTags("Admin").RequireAuthorization(Policies.Admin).AddEndpointFilter<PasskeyRequirement>();
        admin.MapPost("/", CreateAgency).WithName("CreateAgency").RequireAuthorization(Policies.PlatformAdmin);
        admin.MapPost("/{agencyId:guid}/domains", async (Guid agencyId, DomainRequest request, HttpContext ctx, IGrainFactory grains) =>
            TypedResults.Ok(await grains.GetGrain<IAgencyGrain>(agencyId).AddDomain(ctx.User.UserId(), request.Domain))).WithName("AddAgencyDomain");
        admin.MapDelete("/{agencyId:guid}/domains/{domain}", async (Guid agencyId, string domain, HttpContext ctx, IGrainFactory grains) =>
            TypedResults.Ok(await grains.GetGrain<IAgencyGrain>(agencyId).RemoveDomain(ctx.User.UserId(), domain))).WithName("RemoveAgencyDomain");
        // Passkeys (issue 12, item 4)
        admin.MapGet("/{agencyId:guid}/security", (Guid agencyId, HttpContext ctx, IGrainFactory grains) =>
            grains.GetGrain<IAgencyGrain>(agencyId).GetSecurity(ctx.User.UserId())).WithName("GetAgencySecurity");
        admin.MapPut("/{agencyId:guid}/security", (Guid agencyId, SecurityRequest request, HttpContext ctx, IGrainFactory grains) =>
            grains.GetGrain<IAgencyGrain>(agencyId).SetSecurity(ctx.User.UserId(),
                new AgencySecurity(request.RequirePasskeyForAdmins ?? throw GoChatException.Invalid("requirePasskeyForAdmins (true or false) is required."))))
            .WithName("SetAgencySecurity");
        return app;
    }

    public sealed record SecurityRequest(bool? RequirePasskeyForAdmins);

    private static async Task<Created<AgencyInfo>> CreateAgency(CreateAgencyRequest request, HttpContext ctx, IGrainFactory grains)
    {
        var info = await grains.GetGrain<IAgencyGrain>(Guid.NewGuid()).Create(ctx.User.UserId(), request.Name, request.Category, request.Domains ?? []);
        return TypedResults.Created($"/api/agencies/{info.Id}", info);
    }
}
