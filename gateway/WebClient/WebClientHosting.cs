using GoChat.Gateway.WebClient;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.FileProviders;

namespace GoChat.Gateway;

/// <summary>
/// Serves the web client: its static files, index.html for every client route (deep links such as
/// /chats/{id}), and the security headers on every answer of the gateway.
/// </summary>
public static class WebClientHosting
{
    /// <summary>Paths that belong to the server; an unknown one is a 404, never the app.</summary>
    private static readonly string[] ServerPaths = ["/api", "/hubs", "/openapi", "/health"];

    public static WebApplication UseGoChatWebClient(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            // On starting, so that answers written by the exception handler (which clears headers) carry them too.
            context.Response.OnStarting(() =>
            {
                SecurityHeaders.Apply(context.Response.Headers);
                return Task.CompletedTask;
            });
            return next(context);
        });

        var options = app.Configuration.GetSection(WebClientOptions.Section).Get<WebClientOptions>() ?? new WebClientOptions();
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, options.Root));
        if (!File.Exists(Path.Combine(root, "index.html")))
        {
            app.Logger.LogWarning("No web client at {Root}: build the gateway with node/npm present (or set WebClient:Root)", root);
            return app;
        }

        var files = new PhysicalFileProvider(root);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = CacheControlFor(ctx.Context.Request.Path),
        });
        // A fallback for the client's routes only: were it a candidate for server paths too, it would win over
        // routing's own 415 (JSON route, wrong Content-Type) and 405 answers and turn them into 404s.
        var clientRoutes = RoutePatternFactory.Parse("{*path}", defaults: null, parameterPolicies: new { path = new ClientRouteConstraint() });
        app.Map(clientRoutes, async context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-cache";
            await context.Response.SendFileAsync(files.GetFileInfo("index.html"), context.RequestAborted);
        }).WithOrder(int.MaxValue).WithDisplayName("Fallback: web client");
        return app;
    }

    /// <summary>Matches every path except the server's own and file names (an unknown one is a 404, never the app).</summary>
    private sealed class ClientRouteConstraint : IRouteConstraint
    {
        public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
        {
            var value = values.TryGetValue(routeKey, out var v) ? v?.ToString() ?? "" : "";
            var path = new PathString("/" + value);
            // Like MapFallback's "nonfile": a missing /x.js is a 404, not the app's shell.
            var last = value[(value.LastIndexOf('/') + 1)..];
            return !last.Contains('.') && !ServerPaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>Vite names bundles by content hash, so they never change; the shell and service worker must always be checked.</summary>
    private static string CacheControlFor(PathString path) =>
        path.StartsWithSegments("/assets") ? "public, max-age=31536000, immutable" : "no-cache";
}

