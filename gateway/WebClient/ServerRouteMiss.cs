using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Template;

namespace GoChat.Gateway.WebClient;

/// <summary>
/// Why a request to a server path found no endpoint: a route exists there but takes a JSON body (415, wrong
/// Content-Type), or another method (405), or there is no such route (404). Routing would answer the first two
/// itself, but the web client's fallback matches every path and method, so routing picks it instead.
/// </summary>
public sealed class ServerRouteMiss(EndpointDataSource endpoints)
{
    private readonly Lazy<IReadOnlyList<(TemplateMatcher Matcher, IReadOnlyList<string> Methods, bool TakesJson)>> _routes = new(() =>
        endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => !e.RoutePattern.Parameters.Any(p => p.IsCatchAll))
            .Select(e => (
                new TemplateMatcher(new RouteTemplate(e.RoutePattern), new RouteValueDictionary()),
                e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? (IReadOnlyList<string>)[],
                e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.Contains("application/json") == true))
            .ToList());

    public int StatusFor(HttpRequest request)
    {
        var status = StatusCodes.Status404NotFound;
        foreach (var (matcher, methods, takesJson) in _routes.Value)
        {
            if (!matcher.TryMatch(request.Path, new RouteValueDictionary())) continue;
            if (methods.Count > 0 && !methods.Contains(request.Method, StringComparer.OrdinalIgnoreCase))
            {
                status = StatusCodes.Status405MethodNotAllowed;
                continue;
            }
            if (takesJson) return StatusCodes.Status415UnsupportedMediaType;
        }
        return status;
    }
}
