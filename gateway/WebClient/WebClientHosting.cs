using GoChat.Gateway.WebClient;
using Microsoft.Extensions.FileProviders;

namespace GoChat.Gateway;

/// <summary>
/// Serves the web client: its static files, index.html for every client route (deep links such as
/// /chats/{id}), and the security headers on every answer of the gateway.
/// </summary>
public static class WebClientHosting
{
    /// <summary>Paths that belong to the server; an unknown one is a 404, never the app.</summary>
    private static readonly string[] ServerPaths = ["/api", "/hubs", "/openapi", "/health", Files.DownloadEndpoints.Path];

    public static WebApplication UseGoChatWebClient(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            // On starting, so that answers written by the exception handler (which clears headers) carry them too.
            context.Response.OnStarting(() =>
            {
                // What a member uploaded is never the app: its own, stricter headers (no script runs in GoChat's origin).
                if (context.Request.Path.StartsWithSegments(Files.DownloadEndpoints.Path)) Files.DownloadHeaders.Apply(context.Response.Headers);
                else SecurityHeaders.Apply(context.Response.Headers);
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
        app.MapFallback(async context =>
        {
            if (ServerPaths.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
            {
                // Routing chose this fallback over its own 415 and 405 answers (it accepts every type and method), so
                // they are told apart here; the status code pages write the problem details.
                context.Response.StatusCode = context.RequestServices.GetRequiredService<ServerRouteMiss>().StatusFor(context.Request);
                return;
            }
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-cache";
            await context.Response.SendFileAsync(files.GetFileInfo("index.html"), context.RequestAborted);
        });
        return app;
    }

    /// <summary>Vite names bundles by content hash, so they never change; the shell and service worker must always be checked.</summary>
    private static string CacheControlFor(PathString path) =>
        path.StartsWithSegments("/assets") ? "public, max-age=31536000, immutable" : "no-cache";
}

