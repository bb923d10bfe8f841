using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace GoChat.Files.Scanning;

public static class ScanningServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IMalwareScanner"/>: <see cref="ClamdScanner"/> when Files:Scanning:Clamd names a Host or a
    /// UnixSocket, else <see cref="UnconfiguredScanner"/> with Files:Scanning:WhenNoScanner (by default Refuse, or
    /// AcceptWithWarning in Development). Both option sections are validated when the host starts.
    /// </summary>
    public static IServiceCollection AddGoChatScanning(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var clamdSection = configuration.GetSection(ClamdOptions.Section);
        services.AddOptions<ClamdOptions>().Bind(clamdSection).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ScanningOptions>().Bind(configuration.GetSection(ScanningOptions.Section))
            .PostConfigure(o => o.WhenNoScanner ??= environment.IsDevelopment() ? NoScannerPolicy.AcceptWithWarning : NoScannerPolicy.Refuse)
            .ValidateDataAnnotations().ValidateOnStart();

        // Decided once, from the two keys that matter: which scanner exists does not change while running, and a bad
        // value elsewhere in the section is for the validation to report, not for this line to throw on.
        var configured = new ClamdOptions { Host = clamdSection[nameof(ClamdOptions.Host)], UnixSocket = clamdSection[nameof(ClamdOptions.UnixSocket)] }.IsConfigured;
        if (configured)
        {
            services.TryAddSingleton<ClamdScanner>();
            services.TryAddSingleton<IMalwareScanner>(sp => sp.GetRequiredService<ClamdScanner>());
        }
        else
        {
            services.TryAddSingleton<IMalwareScanner, UnconfiguredScanner>();
        }
        return services;
    }
}
