using System.Reflection;
using GoChat.Gateway.Hubs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GoChat.Security.Tests;

/// <summary>A REST route as the running gateway routes it: "VERB /pattern" plus the handler delegate's method.</summary>
public sealed record RestRoute(string Verb, string Pattern, MethodInfo? Handler, bool RequiresAuth, IReadOnlyList<string> Policies)
{
    /// <summary>
    /// The JSON body's type as ASP.NET Core inferred it (its IAcceptsMetadata), or null: the framework, not a guess
    /// from parameter types, says which parameter is the body and which are services.
    /// </summary>
    public Type? BodyType { get; init; }

    public string Key => $"{Verb} {Pattern}";

    /// <summary>Route values the pattern names, e.g. agencyId in /api/admin/agencies/{agencyId:guid}/users.</summary>
    public IReadOnlyList<string> RouteValues =>
        System.Text.RegularExpressions.Regex.Matches(Pattern, @"\{(\w+)[^}]*\}").Select(m => m.Groups[1].Value).ToList();
}

/// <summary>
/// What the suites cover, read from the running gateway and the hub's type rather than written down, so that a new
/// route or hub method cannot be left out.
/// </summary>
public static class RouteTable
{
    /// <summary>
    /// Route patterns (any verb) that are not GoChat's API, skipped by name: health probes (no input, no principal), the OpenAPI
    /// document, the web client's SPA fallback, and the hub's own transport endpoints (its methods are listed
    /// from its type; connecting is what the anonymous and pending cells of every method test).
    /// </summary>
    public static readonly IReadOnlySet<string> Skipped = new HashSet<string>
    {
        "/health/live", "/health/ready", "/health/startup",
        "/openapi/{documentName}.json",
        "/hubs/chat/negotiate", "/hubs/chat",
        "{*path:nonfile}",
    };

    public static IReadOnlyList<RestRoute> Rest(IServiceProvider gateway)
    {
        var routes = new List<RestRoute>();
        foreach (var endpoint in gateway.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (pattern.Length > 1) pattern = pattern.TrimEnd('/');
            if (endpoint.RoutePattern.RawText?.StartsWith("{*", StringComparison.Ordinal) == true) pattern = endpoint.RoutePattern.RawText;
            var verbs = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            var handler = endpoint.Metadata.OfType<MethodInfo>().FirstOrDefault();
            foreach (var verb in verbs.Count == 0 ? ["*"] : verbs)
            {
                var requiresAuth = endpoint.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any()
                    && endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null;
                var policies = endpoint.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList();
                var route = new RestRoute(verb, pattern, handler, requiresAuth, policies)
                {
                    BodyType = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.RequestType,
                };
                if (!Skipped.Contains(pattern)) routes.Add(route);
            }
        }
        return routes.DistinctBy(r => r.Key).OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Verb, StringComparer.Ordinal).ToList();
    }

    /// <summary>Every method a client can invoke: the hub's public instance methods minus the connection callbacks.</summary>
    public static IReadOnlyList<MethodInfo> HubMethods() =>
        typeof(ChatHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name is not (nameof(ChatHub.OnConnectedAsync) or nameof(ChatHub.OnDisconnectedAsync)))
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToList();
}
