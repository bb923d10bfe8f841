using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GoChat.Testing;

/// <summary>A push request as a push service received it: the subscription's path, headers and encrypted body.</summary>
public sealed record ReceivedPush(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body);

/// <summary>
/// A stand-in for a browser vendor's push service (RFC 8030) on 127.0.0.1: Kestrel over plain http, which the
/// silo accepts only with WebPush:AllowLoopbackHttp. Each subscription is a path; a path can be told to answer 410.
/// </summary>
public sealed class LocalPushService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedPush> _received = new();
    private readonly ConcurrentDictionary<string, int> _answers = new();

    private LocalPushService(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;

    public IReadOnlyList<ReceivedPush> Received => [.. _received];

    public IReadOnlyList<ReceivedPush> To(string path) => _received.Where(r => r.Path == path).ToList();

    public static async Task<LocalPushService> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var service = new LocalPushService(app);
        app.MapPost("/push/{id}", async (string id, HttpContext ctx) =>
        {
            using var body = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(body);
            var headers = ctx.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
            service._received.Enqueue(new ReceivedPush(ctx.Request.Path, headers, body.ToArray()));
            return Results.StatusCode(service._answers.GetValueOrDefault("/push/" + id, (int)HttpStatusCode.Created));
        });
        await app.StartAsync();
        service.BaseUri = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return service;
    }

    /// <summary>A new subscription endpoint on this service.</summary>
    public string NewEndpoint() => new Uri(BaseUri, "/push/" + Guid.NewGuid().ToString("N")).AbsoluteUri;

    /// <summary>From now on this endpoint answers with this status (410: the browser dropped the subscription).</summary>
    public void Answer(string endpoint, HttpStatusCode status) => _answers[new Uri(endpoint).AbsolutePath] = (int)status;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
