using GoChat.Files;
using GoChat.Files.Scanning;
using GoChat.Files.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GoChat.Grains.Files;

public static class FilesServiceCollectionExtensions
{
    /// <summary>Uploads' checks, the blob catalog and the sweeper, in a silo.</summary>
    public static IServiceCollection AddGoChatFileServices(this IServiceCollection services)
    {
        services.AddOptions<FilesOptions>().BindConfiguration(FilesOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<UploadStore>();
        services.AddSingleton<BlobCatalog>();
        services.AddSingleton<UploadChecks>();
        services.AddSingleton<UploadPictures>();
        services.AddOptions<GoChat.Files.Images.ImageRenditionOptions>().BindConfiguration(GoChat.Files.Images.ImageRenditionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<GoChat.Files.Images.VideoThumbnailOptions>().BindConfiguration(GoChat.Files.Images.VideoThumbnailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AttachmentFiles>();
        services.AddSingleton<FileSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<FileSweeper>());
        // A host that configured no store (Orleans' test cluster) keeps files in PostgreSQL, the default.
        services.TryAddSingleton(sp => new FileStores([new PostgresFileStore(sp.GetRequiredService<Npgsql.NpgsqlDataSource>())], PostgresFileStore.StoreName));
        // A host that configured none (Orleans' test cluster) keeps every file quarantined, as production would.
        services.TryAddSingleton<IMalwareScanner, UnconfiguredScanner>();
        services.AddOptions<ScanningOptions>().BindConfiguration(ScanningOptions.Section);
        return services;
    }
}
