using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoChat.Grains.Push;

public static class WebPushServiceCollectionExtensions
{
    /// <summary>Web Push (issue 14): options, the subscription store, the queue the conversations offer to, and its sender.</summary>
    public static IServiceCollection AddGoChatWebPush(this IServiceCollection services)
    {
        services.AddOptions<WebPushOptions>().BindConfiguration(WebPushOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebPushOptions>, LoopbackOnlyOutsideProduction>();
        services.AddSingleton<PushMetrics>();
        services.AddSingleton<PushQueue>();
        services.AddSingleton<PushSubscriptionStore>();
        services.AddSingleton<VapidKeys>();
        services.AddSingleton(sp => new PushSender(PushHttp(), sp.GetRequiredService<IOptions<WebPushOptions>>(), sp.GetRequiredService<ILogger<PushSender>>()));
        services.AddHostedService<PushDispatcher>();
        return services;
    }

    /// <summary>No redirects: the silo posts to the endpoint it validated, nowhere else.</summary>
    private static HttpClient PushHttp() => new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    private sealed class LoopbackOnlyOutsideProduction(IHostEnvironment environment) : IValidateOptions<WebPushOptions>
    {
        public ValidateOptionsResult Validate(string? name, WebPushOptions options) =>
            options.AllowLoopbackHttp && environment.IsProduction()
                ? ValidateOptionsResult.Fail("WebPush:AllowLoopbackHttp is for tests and is refused in Production.")
                : ValidateOptionsResult.Success;
    }
}
