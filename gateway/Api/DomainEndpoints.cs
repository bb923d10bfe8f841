using GoChat.GrainInterfaces;
using GoChat.Gateway.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GoChat.Gateway.Api;

/// <summary>
/// Agencies' email domains: requested by the agency's admins, consented to by the agency whose domain contains the
/// new one, approved by a platform admin. The policy lets admins in; the grains decide who may do what.
/// </summary>
public static class DomainEndpoints
{
    public sealed record DomainRequest(string Domain);

    public static IEndpointRouteBuilder MapDomainApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapAdminGroup("/api/admin");
        admin.MapPost("/agencies/{agencyId}/domains", RequestDomain).WithName("AddAgencyDomain");
        admin.MapDelete("/agencies/{agencyId}/domains/{domain}", async (Guid agencyId, string domain, HttpContext ctx, IGrainFactory grains) =>
            TypedResults.Ok(await grains.GetGrain<IAgencyGrain>(agencyId).RemoveDomain(ctx.User.UserId(), domain))).WithName("RemoveAgencyDomain");

        admin.MapGet("/domain-requests", (HttpContext ctx, IGrainFactory grains) => Requests(grains).List(ctx.User.UserId())).WithName("ListDomainRequests");
        admin.MapPost("/domain-requests/{domain}/consent", (string domain, HttpContext ctx, IGrainFactory grains) =>
            Requests(grains).Consent(ctx.User.UserId(), domain)).WithName("ConsentToDomainRequest");
        admin.MapPost("/domain-requests/{domain}/approve", (string domain, HttpContext ctx, IGrainFactory grains) =>
            Requests(grains).Approve(ctx.User.UserId(), domain)).WithName("ApproveDomainRequest");
        admin.MapPost("/domain-requests/{domain}/reject", async (string domain, HttpContext ctx, IGrainFactory grains) =>
        {
            await Requests(grains).Reject(ctx.User.UserId(), domain);
            return TypedResults.NoContent();
        }).WithName("RejectDomainRequest");
        return app;
    }

    /// <summary>200 with the domain when it is active at once; 202 with the request while it awaits consent or approval.</summary>
    private static async Task<Results<Ok<AgencyDomain>, Accepted<AgencyDomain>>> RequestDomain(Guid agencyId, DomainRequest request, HttpContext ctx, IGrainFactory grains)
    {
        var placed = await grains.GetGrain<IAgencyGrain>(agencyId).RequestDomain(ctx.User.UserId(), request.Domain);
        return placed.Status == DomainStatus.Active ? TypedResults.Ok(placed) : TypedResults.Accepted((string?)null, placed);
    }

    private static IDomainRequestsGrain Requests(IGrainFactory grains) => grains.GetGrain<IDomainRequestsGrain>(0);
}
