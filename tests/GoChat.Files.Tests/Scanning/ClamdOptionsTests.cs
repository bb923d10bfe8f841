using GoChat.Files.Scanning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoChat.Files.Tests.Scanning;

/// <summary>AddGoChatScanning: which scanner a configuration gets, and the configurations it refuses at start.</summary>
public class ClamdOptionsTests
{
    [Fact]
    public void A_configured_host_gets_the_clamd_scanner()
    {
        using var services = Build(Environments.Production, ("Files:Scanning:Clamd:Host", "clamd.gochat.internal"));
        var scanner = Assert.IsType<ClamdScanner>(services.GetRequiredService<IMalwareScanner>());
        Assert.Equal("clamd.gochat.internal:3310", scanner.Endpoint);
    }

    [Fact]
    public void A_configured_unix_socket_gets_the_clamd_scanner()
    {
        using var services = Build(Environments.Production, ("Files:Scanning:Clamd:UnixSocket", "/run/clamav/clamd.ctl"));
        Assert.Equal("unix:/run/clamav/clamd.ctl", Assert.IsType<ClamdScanner>(services.GetRequiredService<IMalwareScanner>()).Endpoint);
    }

    [Fact]
    public async Task Without_a_scanner_production_keeps_every_file_quarantined()
    {
        using var services = Build(Environments.Production);
        var verdict = await services.GetRequiredService<IMalwareScanner>().Scan([1, 2, 3]);
        Assert.Equal(ScanOutcome.Failed, verdict.Outcome);
        Assert.Contains("No malware scanner is configured", verdict.Detail);
        Assert.Contains("quarantined", verdict.Detail);
    }

    [Fact]
    public async Task Without_a_scanner_development_accepts_files_with_a_warning()
    {
        using var services = Build(Environments.Development);
        Assert.Equal(ScanOutcome.NotScanned, (await services.GetRequiredService<IMalwareScanner>().Scan([1, 2, 3])).Outcome);
    }

    [Fact]
    public async Task WhenNoScanner_overrides_the_environment_default()
    {
        using var services = Build(Environments.Development, ("Files:Scanning:WhenNoScanner", "Refuse"));
        Assert.Equal(ScanOutcome.Failed, (await services.GetRequiredService<IMalwareScanner>().Scan([1, 2, 3])).Outcome);
    }

    [Theory]
    [InlineData("Files:Scanning:Clamd:Port", "70000", "Files:Scanning:Clamd:Port must be between 1 and 65535.")]
    [InlineData("Files:Scanning:Clamd:TimeoutSeconds", "0", "Files:Scanning:Clamd:TimeoutSeconds must be between 1 and 3600.")]
    [InlineData("Files:Scanning:Clamd:ChunkBytes", "100", "Files:Scanning:Clamd:ChunkBytes must be between 4096 and 8388608.")]
    [InlineData("Files:Scanning:WhenNoScanner", "7", "Files:Scanning:WhenNoScanner must be Refuse or AcceptWithWarning.")]
    public void A_bad_setting_is_refused_at_start_naming_it(string key, string value, string message)
    {
        using var services = Build(Environments.Production, ("Files:Scanning:Clamd:Host", "127.0.0.1"), (key, value));
        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(message, refused.Message);
    }

    [Fact]
    public void Host_and_unix_socket_together_are_refused_at_start()
    {
        using var services = Build(Environments.Production, ("Files:Scanning:Clamd:Host", "127.0.0.1"), ("Files:Scanning:Clamd:UnixSocket", "/run/clamav/clamd.ctl"));
        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("set Host (with Port) or UnixSocket, not both", refused.Message);
    }

    [Fact]
    public void A_relative_unix_socket_is_refused_at_start()
    {
        using var services = Build(Environments.Production, ("Files:Scanning:Clamd:UnixSocket", "clamd.ctl"));
        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("UnixSocket must be an absolute path", refused.Message);
    }

    [Fact]
    public void The_defaults_pass_validation()
    {
        using var services = Build(Environments.Production, ("Files:Scanning:Clamd:Host", "127.0.0.1"));
        services.GetRequiredService<IStartupValidator>().Validate();
        var options = services.GetRequiredService<IOptions<ClamdOptions>>().Value;
        Assert.Equal((3310, 120, 64 * 1024), (options.Port, options.TimeoutSeconds, options.ChunkBytes));
    }

    private static ServiceProvider Build(string environment, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.None));
        services.AddGoChatScanning(configuration, new HostingEnvironment { EnvironmentName = environment });
        return services.BuildServiceProvider();
    }
}
