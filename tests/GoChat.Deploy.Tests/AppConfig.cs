using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GoChat.Deploy.Tests;

/// <summary>
/// The configuration a container's process would see: the app's own appsettings.json under the container's
/// environment, layered as WebApplication.CreateBuilder layers them. Values from the cluster (the pod IP,
/// secrets) become placeholders.
/// </summary>
public static class AppConfig
{
    public const string PodIp = "10.244.1.23";

    private static readonly string[] HostPrefixes = ["ASPNETCORE_", "DOTNET_"];

    public static IConfiguration For(Manifest manifest, JsonObject container)
    {
        var env = Environment(manifest, container);
        var environmentName = env.GetValueOrDefault("ASPNETCORE_ENVIRONMENT") ?? env.GetValueOrDefault("DOTNET_ENVIRONMENT") ?? "Production";
        var project = Repo.PathOf(AppFolder(container));
        return new ConfigurationBuilder()
            // Prefixed variables are host settings, read before appsettings.json, which therefore outranks them.
            .AddInMemoryCollection(HostPrefixes.SelectMany(p => env.Where(e => e.Key.StartsWith(p, StringComparison.Ordinal))
                .Select(e => KeyValuePair.Create(Key(e.Key[p.Length..]), (string?)e.Value))))
            .AddJsonFile(Path.Combine(project, "appsettings.json"), optional: false)
            .AddJsonFile(Path.Combine(project, $"appsettings.{environmentName}.json"), optional: true)
            .AddInMemoryCollection(env.Select(e => KeyValuePair.Create(Key(e.Key), (string?)e.Value)))
            .Build();
    }

    /// <summary>The container's environment variables: envFrom first, env after (env wins, as in Kubernetes).</summary>
    public static Dictionary<string, string> Environment(Manifest manifest, JsonObject container)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var from in container["envFrom"]?.AsArray() ?? [])
        {
            var map = Manifest.Str(from?["configMapRef"]?["name"]);
            if (map is null) continue;
            foreach (var (key, value) in manifest.Get("ConfigMap", map)["data"]?.AsObject() ?? [])
            {
                env[Manifest.Str(from!["prefix"]) + key] = Manifest.Str(value) ?? "";
            }
        }
        foreach (var variable in container["env"]?.AsArray() ?? [])
        {
            env[Manifest.Str(variable!["name"])!] = ValueOf(manifest, variable.AsObject());
        }
        return env;
    }

    /// <summary>The host's stop timeout as the .NET host itself reads it from this configuration.</summary>
    public static TimeSpan ShutdownTimeout(IConfiguration configuration)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfiguration(configuration);
        using var host = builder.Build();
        return host.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;
    }

    private static string ValueOf(Manifest manifest, JsonObject variable)
    {
        if (variable["value"] is { } value) return Manifest.Str(value) ?? "";
        var from = variable["valueFrom"];
        if (from?["configMapKeyRef"] is { } c) return manifest.ConfigMapValue(Manifest.Str(c["name"])!, Manifest.Str(c["key"])!);
        if (Manifest.Str(from?["fieldRef"]?["fieldPath"]) == "status.podIP") return PodIp;
        if (from?["secretKeyRef"] is { } s) return $"secret:{Manifest.Str(s["name"])}/{Manifest.Str(s["key"])}";
        return $"from-cluster:{variable["valueFrom"]?.ToJsonString()}";
    }

    private static string Key(string variable) => variable.Replace("__", ":", StringComparison.Ordinal);

    /// <summary>Which app an image runs, by the image's name; the Dockerfiles publish one app each.</summary>
    private static string AppFolder(JsonObject container)
    {
        var image = Manifest.Str(container["image"]) ?? "";
        if (image.Contains(Manifest.Silo, StringComparison.Ordinal)) return "silo";
        if (image.Contains(Manifest.Gateway, StringComparison.Ordinal)) return "gateway";
        throw new Xunit.Sdk.XunitException($"Unknown image {image}.");
    }
}
