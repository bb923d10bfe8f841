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

    private readonly Action<WebApplicationBuilder, string>? _configure;
    private readonly string _environment;
    private readonly List<ExtraGateway> _extraGateways = [];

    private GoChatStack(string connectionString, Action<WebApplicationBuilder, string>? configure, string environment)
    {
        ConnectionString = connectionString;
        _configure = configure;
        _environment = environment;
    }

    /// <summary>The service names the hosts report themselves under (Program.cs).</summary>
    public const string SiloService = "gochat-silo";
    public const string GatewayService = "gochat-gateway";

    public string ConnectionString { get; }

    /// <summary>The platform admin that the silo's configuration bootstraps.</summary>
    public const string PlatformAdminEmail = "pentadbir@digital.gov.my";

    /// <summary>The loopback SMTP server the silo sends sign-in codes to.</summary>
    public SmtpSink Mail { get; private set; } = null!;

    /// <summary>The silo's clock; tests move it forward to expire codes.</summary>
    public ShiftableClock Clock { get; } = new();
    public Uri GatewayUri { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public IServiceProvider SiloServices => _silo!.Services;
    public IServiceProvider GatewayServices => _gateway!.Services;

    /// <param name="configure">
    /// Runs on each host's builder (with <see cref="SiloService"/> or <see cref="GatewayService"/>) after the test
    /// configuration and before the GoChat services: where a test adds settings or the service defaults.
    /// </param>
    /// <param name="environment">The hosts' environment: Development maps the dev sign-in; Benchmark also the bulk users route.</param>
    public static async Task<GoChatStack> StartAsync(string databasePrefix, Action<WebApplicationBuilder, string>? configure = null, string environment = "Development")
    {
        var server = await PostgresServer.Shared;
        var stack = new GoChatStack(await server.CreateDatabaseAsync(databasePrefix), configure, environment) { Mail = await SmtpSink.StartAsync() };
        await stack.StartSiloAsync();
        await stack.StartGatewayAsync();
        return stack;
    }

    public async Task StartSiloAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = _environment, ApplicationName = typeof(SiloOptions).Assembly.GetName().Name });
        // Exactly this configuration: the hosts' appsettings files are copied into the test output too.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["ConnectionStrings:GoChat"] = ConnectionString,
            ["Silo:ClusterId"] = _clusterId,
            ["Silo:SiloPort"] = FreePort().ToString(),
            ["Silo:GatewayPort"] = FreePort().ToString(),
            ["Silo:MigrateOnStart"] = "true",
            ["Smtp:Host"] = Mail.Host,
            ["Smtp:Port"] = Mail.Port.ToString(),
            ["Smtp:Security"] = "None",
            ["Identity:PlatformAdminEmails:0"] = PlatformAdminEmail,
        });
        Quiet(builder);
        _configure?.Invoke(builder, SiloService);
        builder.Services.AddSingleton<TimeProvider>(Clock);
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
        _gateway = await BuildGatewayAsync();
        GatewayUri = AddressOf(_gateway);
        Http = new HttpClient { BaseAddress = GatewayUri };
    }

    /// <summary>
    /// Another gateway process of the same cluster, with the same signing key: a token from one is good on the other,
    /// and a user's connections can sit on both. Stopped with the stack (or earlier by disposing it).
    /// </summary>
    /// <param name="settings">Configuration of this gateway only, on top of the stack's.</param>
    public async Task<ExtraGateway> StartExtraGatewayAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var app = await BuildGatewayAsync(settings);
        var extra = new ExtraGateway(app, AddressOf(app));
        _extraGateways.Add(extra);
        return extra;
    }

    private static Uri AddressOf(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>
    /// Rate limits a heavy human never meets stay on in every suite, far above what a suite does in a burst;
    /// the rate-limit tests set their own low ones through the configure callback.
    /// </summary>
    public static readonly IReadOnlyList<string> Budgets = ["Sends", "Searches", "Uploads", "DirectoryReads", "CodeRequests", "Typing"];

    private async Task<WebApplication> BuildGatewayAsync(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = _environment, ApplicationName = typeof(GatewayHostingExtensions).Assembly.GetName().Name });
        builder.Configuration.Sources.Clear();
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["ConnectionStrings:GoChat"] = ConnectionString,
            ["Cluster:ClusterId"] = _clusterId,
            ["Auth:SigningKey"] = _signingKey,
            ["RateLimits:AuthRequestsPerIpPerMinute"] = "100000",
        };
        foreach (var budget in Budgets)
        {
            foreach (var scope in new[] { "PerUser", "PerDevice" })
            {
                settings[$"RateLimits:{budget}:{scope}:PerSecond"] = "100000";
                settings[$"RateLimits:{budget}:{scope}:Burst"] = "100000";
            }
        }
        builder.Configuration.AddInMemoryCollection(settings);
        if (extra is not null) builder.Configuration.AddInMemoryCollection(extra);
        Quiet(builder);
        _configure?.Invoke(builder, GatewayService);
        builder.AddGoChatGateway();
        var app = builder.Build();
        app.MapGoChatGateway();
        await app.StartAsync();
        return app;
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

    /// <summary>Requests a code, reads it from the mail the silo sent, and confirms it.</summary>
    public async Task<HttpResponseMessage> RegisterAsync(string email, Guid? agencyId = null, string? displayName = null, string device = "test")
    {
        var code = await RequestCodeAsync(email);
        return await Http.PostAsJsonAsync("/api/auth/verify", new { email, code, deviceName = device, agencyId, displayName });
    }

    /// <summary>Asks for a code and reads it from the mail the silo sent for this request.</summary>
    public async Task<string> RequestCodeAsync(string email)
    {
        var before = MailsTo(email).Count;
        (await Http.PostAsJsonAsync("/api/auth/code", new { email })).EnsureSuccessStatusCode();
        return SmtpSink.ExtractCode(await WaitForNthMail(email, before + 1));
    }

    /// <summary>Signs in an address (registering it if new) and returns the session; fails unless it is active.</summary>
    public async Task<SignIn> SignInWithEmailAsync(string email, Guid? agencyId = null)
    {
        var response = await RegisterAsync(email, agencyId);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"Sign-in of {email} gave {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<SignIn>())!;
    }

    /// <summary>Waits for the n-th mail (1-based) ever sent to the address.</summary>
    public Task<ReceivedMail> WaitForNthMail(string email, int n) =>
        Mail.WaitForMailTo(email, m => MailsTo(email).ElementAtOrDefault(n - 1) is { } nth && ReferenceEquals(nth, m));

    public IReadOnlyList<ReceivedMail> MailsTo(string email) =>
        Mail.Messages.Where(m => m.To.Contains(email, StringComparer.OrdinalIgnoreCase)).ToList();

    public HttpClient HttpFor(string accessToken)
    {
        var client = new HttpClient { BaseAddress = GatewayUri };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Mail.DisposeAsync();
        Http?.Dispose();
        foreach (var extra in _extraGateways) await extra.DisposeAsync();
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

/// <summary>A second (third, ...) gateway of a <see cref="GoChatStack"/>.</summary>
public sealed class ExtraGateway(WebApplication app, Uri uri) : IAsyncDisposable
{
    private int _disposed;

    public Uri Uri { get; } = uri;
    public IServiceProvider Services => app.Services;

    public HttpClient HttpFor(string accessToken)
    {
        var client = new HttpClient { BaseAddress = Uri };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>A real SignalR connection for an already signed-in session, through this gateway.</summary>
    public async Task<ChatClient> ConnectAsync(DevSession session, bool messagePack = false)
    {
        var client = new ChatClient(Uri, session, messagePack);
        await client.StartAsync();
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

public sealed record SignIn(Guid UserId, string AccessToken, DateTimeOffset AccessTokenExpiresAt, string RefreshToken,
    DateTimeOffset RefreshTokenExpiresAt, Guid DeviceId, GoChat.GrainInterfaces.Models.AccountInfo Account)
{
    public DevSession AsSession() => new(UserId, Account.Email ?? "", Account.DisplayName, AccessToken, AccessTokenExpiresAt);
}

public sealed record DevSession(Guid UserId, string Handle, string DisplayName, string AccessToken, DateTimeOffset ExpiresAt);
