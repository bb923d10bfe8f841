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
        admin.MapPut("/{agencyId}/security", SetSecurity).WithName("SetAgencySecurity");
        return app;
    }

    /// <summary>Either setting or both; one left out keeps its value (Web Push, issue 14, came after passkeys).</summary>
    public sealed record SecurityRequest(bool? RequirePasskeyForAdmins, bool? WebPushAllowed);

    private static async Task<AgencySecurity> SetSecurity(Guid agencyId, SecurityRequest request, HttpContext ctx, IGrainFactory grains)
    {
        if (request is null || request is { RequirePasskeyForAdmins: null, WebPushAllowed: null })
            throw GoChatException.Invalid("requirePasskeyForAdmins or webPushAllowed (true or false) is required.");
        var agency = grains.GetGrain<IAgencyGrain>(agencyId);
        var actor = ctx.User.UserId();
        var current = await agency.GetSecurity(actor);
        return await agency.SetSecurity(actor, new AgencySecurity(request.RequirePasskeyForAdmins ?? current.RequirePasskeyForAdmins, request.WebPushAllowed ?? current.WebPushAllowed));
    }

    private static async Task<Created<AgencyInfo>> CreateAgency(CreateAgencyRequest request, HttpContext ctx, IGrainFactory grains)
    {
        // An agency has a handful of domains; thousands in one request are a way to fill the domain table.
        if (request.Domains is { Length: > Limits.MaxAgencyDomains })
            throw GoChatException.Invalid($"An agency is created with at most {Limits.MaxAgencyDomains} domains.");
        var info = await grains.GetGrain<IAgencyGrain>(Guid.NewGuid()).Create(ctx.User.UserId(), request.Name, request.Category, request.Domains ?? []);
        return TypedResults.Created($"/api/agencies/{info.Id}", info);
    }
}
