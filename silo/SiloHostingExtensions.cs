using System.Diagnostics;
using System.Net;
using GoChat.Gateway;
using GoChat.Grains;
using GoChat.Grains.Storage;
using GoChat.ServiceDefaults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Orleans.Configuration;
using Orleans.Storage;

namespace GoChat.Silo;

public static class SiloHostingExtensions
{
    private const string Invariant = "Npgsql";

    /// <summary>
    /// The silo: clustering, grain state and reminders on PostgreSQL through one shared data source, membership
    /// timing from <see cref="MembershipOptions"/>, and GoChat's grain services. Tests call this too, so it is the only
    /// description of a silo.
    /// </summary>
    public static IHostApplicationBuilder AddGoChatSilo(this IHostApplicationBuilder builder)
    {
        var options = SiloOptions.From(builder.Configuration);
        builder.Services.AddOptions<SiloOptions>().BindConfiguration(SiloOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var membership = MembershipOptions.From(builder.Configuration);

        var connectionString = builder.Configuration.GetConnectionString("GoChat");
        if (string.IsNullOrWhiteSpace(connectionString)) throw new InvalidOperationException("ConnectionStrings:GoChat is required.");
        // Before the grain services: the scanner configured here wins over their fallback.
        GoChat.Files.Scanning.ScanningServiceCollectionExtensions.AddGoChatScanning(builder.Services, builder.Configuration, builder.Environment);
        GoChat.Files.Storage.FileStoreServiceCollectionExtensions.AddGoChatFileStore(builder.Services, builder.Configuration);
        builder.Services.AddGoChatSiloServices(connectionString);
        if (options.MigrateOnStart) builder.Services.AddHostedService<MigrateOnStartService>();

        // The silo's own port (health, and the gateway when it hosts one) does not name its server either.
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.AddServerHeader = false);
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("postgresql", tags: [ServiceDefaultsExtensions.ReadyTag])
            // Degraded, not unhealthy: without the scanner chat goes on and files wait in quarantine.
            .AddCheck<GoChat.Files.Scanning.ScannerHealthCheck>("malware-scanner", Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded, [ServiceDefaultsExtensions.ReadyTag]);
        if (options.HostGateway) builder.AddGoChatGatewayServices();

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            silo.Configure<ClusterMembershipOptions>(membership.ApplyTo);
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(membership.ResponseTimeoutSeconds));
            silo.ConfigureEndpoints(IPAddress.Parse(options.AdvertisedAddress), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
            silo.UseAdoNetClustering(o => o.Configure<NpgsqlDataSource>((c, ds) =>
            {
                c.Invariant = Invariant;
                c.DataSource = ds;
            }));
            silo.AddGoChatStorage();
        });
        return builder;
    }

    /// <summary>The silo's services that do not depend on how it finds its cluster.</summary>
    public static IServiceCollection AddGoChatSiloServices(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ =>
        {
            var builder = new NpgsqlDataSourceBuilder(connectionString);
            // The silo runs the same few statements all day (appends, range reads, grain state): prepared once per
            // connection they skip parse and plan. It sets no session state, so pooled connections need no reset.
            // A connection string that says otherwise wins (Keys holds the canonical names of what it set).
            var given = builder.ConnectionStringBuilder.Keys;
            if (!given.Contains("Max Auto Prepare")) builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
            if (!given.Contains("No Reset On Close")) builder.ConnectionStringBuilder.NoResetOnClose = true;
            // Statements are traced only inside a trace (a grain call, a message-log commit): membership heartbeats,
            // reminder polls and the like would otherwise start a root trace each, every few seconds, on every silo.
            // Physical opens never: a pool refill belongs to no one's request.
            builder.ConfigureTracing(t => t.ConfigureCommandFilter(_ => Activity.Current is not null).ConfigureBatchFilter(_ => Activity.Current is not null)
                .EnablePhysicalOpenTracing(false));
            return builder.Build();
        });
        services.AddGoChatGrainServices();
        return services;
    }

    /// <summary>
    /// Grain state and reminders on PostgreSQL: shared by the host and TestingHost clusters. No streams: live
    /// delivery goes to gateways through leased grain observers (conversations, users, presence).
    /// </summary>
    public static ISiloBuilder AddGoChatStorage(this ISiloBuilder silo)
    {
        silo.AddAdoNetGrainStorageAsDefault(o => o.Configure<NpgsqlDataSource, IServiceProvider>((s, ds, sp) =>
        {
            s.Invariant = Invariant;
            s.DataSource = ds;
            // Orleans' own binary format with pinned [Alias] names: a renamed class does not orphan stored state.
            s.GrainStorageSerializer = new OrleansGrainStorageSerializer(sp.GetRequiredService<Orleans.Serialization.Serializer>());
        }));
        silo.UseAdoNetReminderService(o => o.Configure<NpgsqlDataSource>((r, ds) =>
        {
            r.Invariant = Invariant;
            r.DataSource = ds;
        }));
        silo.AddActivityPropagation();
        silo.Services.Configure<Orleans.Serialization.ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("Npgsql"));
        return silo;
    }

    private sealed class MigrateOnStartService(SchemaMigrator migrator) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var cmd = dataSource.CreateCommand("SELECT 1");
                await cmd.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex)
            {
                return HealthCheckResult.Unhealthy("PostgreSQL is unreachable.", ex);
            }
        }
    }
}
