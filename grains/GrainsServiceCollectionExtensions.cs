using GoChat.Grains.Storage;
using GoChat.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace GoChat.Grains;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>The services GoChat's grains need in a silo. An <c>NpgsqlDataSource</c> must already be registered.</summary>
    public static IServiceCollection AddGoChatGrainServices(this IServiceCollection services)
    {
        services.AddOptions<MessageLogOptions>().BindConfiguration(MessageLogOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddMetrics();
        services.AddSingleton<GoChatMetrics>();
        services.AddSingleton<GroupCommitWriter>();
        services.AddSingleton<IMessageLog, PostgresMessageLog>();
        services.AddSingleton<SchemaMigrator>();
        return services;
    }
}
