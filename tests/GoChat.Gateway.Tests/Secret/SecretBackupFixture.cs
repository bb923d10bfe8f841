namespace GoChat.Gateway.Tests.Secret;

/// <summary>The gateway fixture with the silo's passcode backups on a SoftHSM token of this test process.</summary>
public sealed class SecretBackupFixture : GatewayFixture
{
    private SoftHsmToken _token = null!;

    public SoftHsmToken Token => _token;

    public override async Task InitializeAsync()
    {
        _token = await SoftHsmToken.Shared;
        await base.InitializeAsync();
    }

    protected override string DatabasePrefix => "backup";

    protected override void Configure(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder, string service)
    {
        if (service != GoChatStack.SiloService) return;
        foreach (var (key, value) in _token.SiloSettings) builder.Configuration[key] = value;
    }
}

[CollectionDefinition(Name)]
public sealed class SecretBackupCollection : ICollectionFixture<SecretBackupFixture>
{
    public const string Name = "secret-backup";
}
