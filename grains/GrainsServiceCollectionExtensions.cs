using GoChat.Grains.Agencies;
using GoChat.Grains.Identity;
using GoChat.Grains.Push;
using GoChat.Grains.Storage;
using GoChat.Grains.Telemetry;
using GoChat.Grains.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GoChat.Grains;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>The services GoChat's grains need in a silo. An <c>NpgsqlDataSource</c> must already be registered.</summary>
    public static IServiceCollection AddGoChatGrainServices(this IServiceCollection services)
    {
        services.AddOptions<GrainInterfaces.LeaseOptions>().BindConfiguration(GrainInterfaces.LeaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MessageLogOptions>().BindConfiguration(MessageLogOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Conversations.ReceiptOptions>().BindConfiguration(Conversations.ReceiptOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddMetrics();
        services.AddSingleton<GoChatMetrics>();
        services.AddSingleton<GroupCommitWriter>();
        services.AddSingleton<IMessageLog, PostgresMessageLog>();
        services.AddOptions<CursorOptions>().BindConfiguration(CursorOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CursorStore>();
        services.AddSingleton<ChatPreferenceStore>();
        services.AddSingleton<CursorWriter>();
        services.AddSingleton<ConversationListQuery>();
        services.AddSingleton<ReactionStore>();
        services.AddSingleton<StarStore>();
        services.AddSingleton<SchemaMigrator>();
        services.AddOptions<IdentityOptions>().BindConfiguration(IdentityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateDataAnnotations()
            .Validate(o => Enum.TryParse<MailKit.Security.SecureSocketOptions>(o.Security, true, out _), "Smtp:Security must be None, StartTls, SslOnConnect or Auto.")
            .ValidateOnStart();
        services.AddSingleton<MailKitEmailSender>();
        services.AddSingleton<LogEmailSender>();
        services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<SmtpOptions>>().Value.Delivery == "Log"
            ? sp.GetRequiredService<LogEmailSender>()
            : sp.GetRequiredService<MailKitEmailSender>());
        services.AddSingleton<DirectoryStore>();
        services.AddSingleton<Search.MessageSearchStore>();
        services.AddOptions<Search.SearchOptions>().BindConfiguration(Search.SearchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DomainPolicyOptions>().BindConfiguration(DomainPolicyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DomainPolicy>();
        services.AddSingleton<DomainStore>();
        services.AddSingleton<Pictures.PhotoStore>();
        services.AddSingleton<Pictures.ConversationPhotoStore>();
        services.AddSingleton<AuditStore>();
        services.AddSingleton<PasskeyStore>();
        services.AddGoChatWebPush();
        services.AddOptions<Channels.BroadcastOptions>().BindConfiguration(Channels.BroadcastOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Channels.ChannelStore>();
        services.AddSingleton<Channels.LeakStore>();
        services.AddOptions<GoChat.Broadcasts.Signing.BroadcastSigningOptions>().BindConfiguration(GoChat.Broadcasts.Signing.BroadcastSigningOptions.SectionName).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<GoChat.Broadcasts.Signing.BroadcastSigningOptions>, Channels.SigningOptionsCheck>();
        services.AddSingleton<Channels.BroadcastSigner>();
        services.AddOptions<SecretBackup.SecretBackupOptions>().BindConfiguration(SecretBackup.SecretBackupOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SecretBackup.IKeyShareVault, SecretBackup.Pkcs11KeyShareVault>();
        services.AddSingleton<SecretBackup.SecretBackupStore>();
        services.AddSingleton<SecretBackup.SecretHistoryStore>();
        Files.FilesServiceCollectionExtensions.AddGoChatFileServices(services);
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
