using GoChat.Grains.Users;
using GoChat.Silo;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Storage;
using Orleans.TestingHost;

namespace GoChat.Grains.Tests;

/// <summary>
/// A one-silo TestingHost cluster whose storage and message log are the production ones
/// (AddGoChatStorage, AddGoChatSiloServices) on a fresh PostgreSQL database.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public string ConnectionString { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var server = await PostgresServer.Shared;
        var connectionString = ConnectionString = await server.CreateDatabaseAsync("grains");
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((_, host) =>
        {
            Configure(host.Configuration);
            host.Services.AddGoChatSiloServices(connectionString);
        });
        builder.ConfigureSilo((_, silo) => silo.AddGoChatStorage());
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>Settings of this cluster's silo, before its services are added.</summary>
    protected virtual void Configure(Microsoft.Extensions.Configuration.IConfigurationManager configuration)
    {
    }

    public T SiloService<T>() where T : notnull =>
        (T)Cluster.GetSiloServiceProvider(Cluster.Silos[0].SiloAddress).GetService(typeof(T))!;

    /// <summary>Registers users with fresh ids, as sign-in would.</summary>
    public async Task<Guid[]> Users(int count)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToArray();
        await Task.WhenAll(ids.Select(id => Grains.GetGrain<IUserGrain>(id).Register("u" + id.ToString("N")[..8], "User")));
        return ids;
    }

    /// <summary>
    /// Changes a user grain's stored state behind its back, as an earlier release left it: the grain is deactivated
    /// first, so that no activation holds the old version.
    /// </summary>
    public async Task RewriteUserState(Guid userId, Action<UserState> change)
    {
        var user = Grains.GetGrain<IUserGrain>(userId);
        await Cluster.DeactivateAsync(user);
        var storage = SiloService<IServiceProvider>().GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var stored = new GrainState<UserState>();
        await storage.ReadStateAsync("user", user.GetGrainId(), stored);
        change(stored.State!);
        await storage.WriteStateAsync("user", user.GetGrainId(), stored);
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
