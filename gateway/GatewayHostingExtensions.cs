using GoChat.GrainInterfaces;
using System.Threading.RateLimiting;
using GoChat.Gateway.Api;
using GoChat.Gateway.Auth;
using GoChat.Gateway.Push;
using GoChat.Gateway.Delivery;
using GoChat.Gateway.Draining;
using GoChat.Gateway.Files;
using GoChat.Gateway.Hubs;
using GoChat.Gateway.Orleans;
using GoChat.Gateway.RateLimiting;
using GoChat.Gateway.Telemetry;
using GoChat.ServiceDefaults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using global::Orleans.Configuration;

namespace GoChat.Gateway;

public static class GatewayHostingExtensions
{
    /// <summary>A gateway process: its Orleans client, then <see cref="AddGoChatGatewayServices"/>. Tests call this too.</summary>
    public static IHostApplicationBuilder AddGoChatGateway(this IHostApplicationBuilder builder)
    {
        var cluster = ClusterClientOptions.From(builder.Configuration);
        var connectionString = builder.Configuration.GetConnectionString("GoChat");
        if (string.IsNullOrWhiteSpace(connectionString)) throw new InvalidOperationException("ConnectionStrings:GoChat is required (the gateway finds silos through the membership table).");

        // Only membership reads go through this data source: none belongs to a trace, so none starts one.
        builder.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString)
            .ConfigureTracing(t => t.ConfigureCommandFilter(_ => false).ConfigureBatchFilter(_ => false).EnablePhysicalOpenTracing(false))
            .Build());
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });
            client.UseAdoNetClustering(o => o.Configure<NpgsqlDataSource>((c, ds) =>
            {
                c.Invariant = "Npgsql";
                c.DataSource = ds;
            }));
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(cluster.GatewayListRefreshSeconds));
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(cluster.ResponseTimeoutSeconds));
            client.AddActivityPropagation();
            client.UseConnectionRetryFilter(new StartupRetryFilter(TimeSpan.FromSeconds(cluster.ConnectRetrySeconds)).ShouldRetry);
        });
        // A gateway process drains its connections on SIGTERM before it stops (a silo hosting the gateway stops as a silo).
        builder.Services.AddSingleton<IHostLifetime, DrainingLifetime>();
        return builder.AddGoChatGatewayServices();
    }

    /// <summary>
    /// The gateway without an Orleans client of its own: SignalR, REST, auth, delivery. A silo that hosts the
    /// gateway in its own process (Silo:HostGateway, one node) calls this; its grain calls then stay in-process.
    /// </summary>
    public static IHostApplicationBuilder AddGoChatGatewayServices(this IHostApplicationBuilder builder)
    {
        // "Server: Kestrel" tells a prober which stack to aim at and tells a client nothing it needs.
        builder.Services.Configure<KestrelServerOptions>(o => o.AddServerHeader = false);
        builder.Services.AddGoChatAuth();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<GoChatExceptionHandler>();
        // A body or query value that cannot be bound throws (BadHttpRequestException), so GoChatExceptionHandler answers
        // it like every other refusal instead of an empty 400; JSON nested deeper than any GoChat request is refused early.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.MaxDepth = GoChatExceptionHandler.MaxJsonDepth;
            o.SerializerOptions.Converters.Add(StrictJsonStringConverter.Instance);
        });
        builder.Services.AddOptions<HubOriginOptions>().BindConfiguration(HubOriginOptions.Section).ValidateDataAnnotations()
            .Validate(HubOriginOptions.AreValid, "Hub:AllowedOrigins holds origins such as https://chat.example.gov.my (no path).").ValidateOnStart();
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.IsValid(), "Every RateLimits budget needs PerUser (and PerDevice, if given) with PerSecond > 0 and Burst >= 1.").ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RateLimiters>();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(AuthEndpoints.RateLimitPolicy, ctx =>
            {
                var limits = ctx.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<RateLimitOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.AuthRequestsPerIpPerMinute, Window = TimeSpan.FromMinutes(1) });
            });
            o.OnRejected = (ctx, token) => new ValueTask(RateLimitEndpoints.Refused(ctx.HttpContext, "Too many requests from this address",
                ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1)).ExecuteAsync(ctx.HttpContext));
        });
        builder.Services.AddOpenApi();
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<GatewayMetrics>();
        builder.Services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ConnectionRegistry>();
        // Its hub connections reach the delivery path (per-connection outboxes), bypassing sends by lists of ids.
        builder.Services.AddSingleton<HubLifetimeManager<ChatHub>, ChatHubLifetimeManager>();
        builder.Services.AddSingleton<GoChat.Gateway.WebClient.ServerRouteMiss>();
        builder.Services.AddOptions<ClusterClientOptions>().BindConfiguration(ClusterClientOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<LeaseOptions>().BindConfiguration(LeaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ConversationFeeds>();
        builder.Services.AddSingleton<UserFeeds>();
        builder.Services.AddSingleton<SyncJoins>();
        builder.Services.AddSingleton<PresenceFeeds>();
        builder.Services.AddSingleton<ChannelNews>();
        builder.Services.AddSingleton<SiloLoss>();
        builder.Services.AddSingleton<FeedRenewal>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<FeedRenewal>());
        builder.Services.AddHostedService<ClusterWatch>();
        builder.Services.AddOptions<DrainOptions>().BindConfiguration(DrainOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ConnectionDrain>();
        // Filters SignalR cannot find in the container are built by reflection for every hub call: both keep no
        // per-call state, so one of each serves every call.
        builder.Services.AddSingleton<CallTrackingFilter>();
        builder.Services.AddSingleton<RateLimitFilter>();
        builder.Services.AddSingleton<HubErrorFilter>();
        builder.Services.AddSignalR(o =>
            {
                o.AddFilter<CallTrackingFilter>();
                // Outside the error filter's failover retries: a call is charged once, however often it runs.
                o.AddFilter<RateLimitFilter>();
                o.AddFilter<HubErrorFilter>();
                o.MaximumReceiveMessageSize = ChatHub.MaxMessageBytes;
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(StrictJsonStringConverter.Instance))
            .AddMessagePackProtocol(o => o.SerializerOptions = o.SerializerOptions.WithResolver(
                MessagePack.Resolvers.CompositeResolver.Create([StrictStringFormatter.Instance], [o.SerializerOptions.Resolver])));
        builder.Services.AddOptions<GoChat.Files.FilesOptions>().BindConfiguration(GoChat.Files.FilesOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<FileLinks>();
        builder.Services.AddOptions<Broadcasts.MarkOptions>().BindConfiguration(Broadcasts.MarkOptions.Section)
            .Validate(o => o.Secret is not { Length: > 0 } s || (Convert.TryFromBase64String(s, new byte[s.Length], out var n) && n >= 32),
                "Broadcasts:Marks:Secret must be base64 of at least 32 random bytes.")
            .ValidateOnStart();
        builder.Services.AddSingleton<Broadcasts.DeliveryMarking>();
        builder.Services.AddSingleton<Broadcasts.LeakTracer>();
        builder.Services.AddSingleton<Broadcasts.ImageMarking>();
        GoChat.Files.Storage.FileStoreServiceCollectionExtensions.AddGoChatFileStore(builder.Services, builder.Configuration);
        builder.Services.AddHealthChecks()
            .AddCheck<ClusterHealthCheck>("orleans-cluster", tags: [ServiceDefaultsExtensions.ReadyTag])
            .AddCheck<DrainHealthCheck>("draining", tags: [ServiceDefaultsExtensions.ReadyTag]);
        return builder;
    }

    public static WebApplication MapGoChatGateway(this WebApplication app)
    {
        app.UseGoChatWebClient();
        app.UseExceptionHandler();
        app.UseStatusCodePages(GoChatExceptionHandler.WriteStatusPage);
        app.UseMiddleware<JsonBodyLimit>();
        app.UseMiddleware<RawTargetCheck>();
        // Before authentication: a page of another site is refused whatever token it holds.
        app.UseMiddleware<HubOriginCheck>();
        app.UseAuthentication();
        app.Use(ForgetBearerHeaderOfWebSockets);
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapHealthEndpoints();
        app.MapOpenApi();
        // The pipe must hold a whole frame of the largest size allowed before the hub parses it.
        app.MapHub<ChatHub>(ChatHub.Path, o => o.ApplicationMaxBufferSize = ChatHub.MaxMessageBytes);
        app.MapAuthApi();
        app.MapCacheKeyApi();
        app.MapPasskeyApi();
        app.MapAgencyApi();
        app.MapDomainApi();
        app.MapAdminApi();
        app.MapChannelAdminApi();
        app.MapLeakTraceApi();
        app.MapSemakApi();
        app.MapProfileApi();
        app.MapWebPushApi();
        app.MapSearchApi();
        app.MapChatPhotoApi();
        app.MapTusApi();
        app.MapDownloadApi();
        // The benchmark provisions thousands of users without mail; production never has either environment.
        if (DevSignInEndpoints.IsEnabled(app.Environment)) app.MapDevSignIn();
        // Its load users are exempt from rate limits: the route exists in the Benchmark environment only.
        if (app.Environment.IsEnvironment(RateLimiters.BenchmarkEnvironment)) app.MapBenchUsers().MapBenchRuntime();
        return app;
    }

    /// <summary>
    /// A WebSocket keeps its request headers for as long as it is open, and GoChat's bearer token is the biggest
    /// of them (~0.7 KB of an idle connection). Once authenticated the connection goes by its principal, never the
    /// header again, so the header is let go.
    /// </summary>
    private static Task ForgetBearerHeaderOfWebSockets(HttpContext context, RequestDelegate next)
    {
        if (context.WebSockets.IsWebSocketRequest && context.User.Identity?.IsAuthenticated == true)
        {
            context.Request.Headers.Authorization = default;
        }
        return next(context);
    }

    private sealed class StartupRetryFilter(TimeSpan budget)
    {
        private readonly DateTime _deadline = DateTime.UtcNow + budget;

        public async Task<bool> ShouldRetry(Exception exception, CancellationToken cancellationToken)
        {
            if (DateTime.UtcNow > _deadline) return false;
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            return true;
        }
    }

    private sealed class ClusterHealthCheck(IClusterClient client) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await client.GetGrain<IPresenceGrain>(Guid.Empty).GetPresence().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex)
            {
                return HealthCheckResult.Unhealthy("No silo answers.", ex);
            }
        }
    }
}
