using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GoChat.Files.Storage;

public static class FileStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="FileStores"/> and each reachable store as a keyed <see cref="IFileStore"/> under its name.
    /// PostgreSQL is always there (it uses the host's <see cref="NpgsqlDataSource"/>); S3 is there when Files:S3 is
    /// configured or chosen, so files written to it stay readable after Files:Store goes back to postgres. No plain
    /// IFileStore is registered on purpose: a reader must name the store its file records, not take the current one.
    /// </summary>
    public static IServiceCollection AddGoChatFileStore(this IServiceCollection services, IConfiguration configuration)
    {
        // A silo that hosts the gateway registers the stores once for both.
        if (services.Any(d => d.ServiceType == typeof(FileStores))) return services;
        services.AddOptions<FileStoreOptions>().Bind(configuration.GetSection(FileStoreOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();

        var names = new List<string> { PostgresFileStore.StoreName };
        services.AddKeyedSingleton<IFileStore>(PostgresFileStore.StoreName,
            (sp, _) => new PostgresFileStore(sp.GetRequiredService<NpgsqlDataSource>()));

        // Read here, at registration, because whether the S3 store exists at all depends on it; the values themselves
        // are bound and validated through options like any other section.
        var chosen = configuration[$"{FileStoreOptions.Section}:{nameof(FileStoreOptions.Store)}"];
        if (chosen == S3FileStore.StoreName || configuration.GetSection(S3FileStoreOptions.Section).Exists())
        {
            names.Add(S3FileStore.StoreName);
            services.AddOptions<S3FileStoreOptions>().Bind(configuration.GetSection(S3FileStoreOptions.Section))
                .ValidateDataAnnotations().ValidateOnStart();
            services.AddKeyedSingleton<IFileStore>(S3FileStore.StoreName,
                (sp, _) => new S3FileStore(sp.GetRequiredService<IOptions<S3FileStoreOptions>>().Value));
        }

        services.AddSingleton(sp => new FileStores(
            names.Select(name => sp.GetRequiredKeyedService<IFileStore>(name)),
            sp.GetRequiredService<IOptions<FileStoreOptions>>().Value.Store));
        return services;
    }
}
