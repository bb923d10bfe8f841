using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using GoChat.Gateway;
using GoChat.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GoChat.Testing;

/// <summary>
/// A real silo and a real gateway (Kestrel on a loopback port) in this process, on their own database,
/// configured exactly as the hosts are, through AddGoChatSilo and AddGoChatGateway.
/// </summary>
public sealed class GoChatStack : IAsyncDisposable
{
    private WebApplication? _silo;
    private WebApplication? _gateway;
    private readonly string _clusterId = "test-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _signingKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private GoChatStack(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }
    public Uri GatewayUri { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public IServiceProvider SiloServices => _silo!.Services;

    public static async Task<GoChatStack> StartAsync(string databasePrefix)
    {
        var server = await PostgresServer.Shared;
        var stack = new GoChatStack(await server.CreateDatabaseAsync(databasePrefix));
        await stack.StartSiloAsync();
        await stack.StartGatewayAsync();
        return stack;
    }

    public async Task StartSiloAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development", ApplicationName = typeof(SiloOptions).Assembly.GetName().Name });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["ConnectionStrings:GoChat"] = ConnectionString,
            ["Silo:ClusterId"] = _clusterId,
            ["Silo:SiloPort"] = FreePort().ToString(),
            ["Silo:GatewayPort"] = FreePort().ToString(),
            ["Silo:MigrateOnStart"] = "true",
        });
        Quiet(builder);
        builder.AddGoChatSilo();
        _silo = builder.Build();
        await _silo.StartAsync();
    }

    public async Task StopSiloAsync()
    {
        if (_silo is null) return;
        await _silo.StopAsync();
        await _silo.DisposeAsync();
        _silo = null;
    }

    private async Task StartGatewayAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development", ApplicationName = typeof(GatewayHostingExtensions).Assembly.GetName().Name });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["ConnectionStrings:GoChat"] = ConnectionString,
            ["Cluster:ClusterId"] = _clusterId,
            ["Auth:SigningKey"] = _signingKey,
        });
        Quiet(builder);
        builder.AddGoChatGateway();
        _gateway = builder.Build();
        _gateway.MapGoChatGateway();
        await _gateway.StartAsync();
        var address = _gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        GatewayUri = new Uri(address);
        Http = new HttpClient { BaseAddress = GatewayUri };
    }

    /// <summary>Signs a user in through the development route and opens a real SignalR connection over WebSocket.</summary>
    public async Task<ChatClient> ConnectAsync(string handle, bool messagePack = false)
    {
        var session = await SignInAsync(handle);
        var client = new ChatClient(GatewayUri, session, messagePack);
        await client.StartAsync();
        return client;
    }

    public async Task<DevSession> SignInAsync(string handle)
    {
        var response = await Http.PostAsJsonAsync("/api/dev/sign-in", new { handle });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<DevSession>())!;
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (_gateway is not null)
        {
            await _gateway.StopAsync();
            await _gateway.DisposeAsync();
        }
        await StopSiloAsync();
    }

    private static void Quiet(WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Orleans", LogLevel.Error);
        builder.Logging.AddFilter("Microsoft.Orleans", LogLevel.Error);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed record DevSession(Guid UserId, string Handle, string DisplayName, string AccessToken, DateTimeOffset ExpiresAt);
