using GoChat.Gateway;
using GoChat.Grains.Storage;
using GoChat.ServiceDefaults;
using GoChat.Silo;

var builder = WebApplication.CreateBuilder(args);

// `GoChat.Silo migrate` applies the schema and exits: the local start script and the Kubernetes schema job use it.
if (args.Contains("migrate"))
{
    builder.Configuration["Silo:MigrateOnStart"] = "false";
}

builder.AddServiceDefaults("gochat-silo");
builder.AddGoChatSilo();

var app = builder.Build();

if (args.Contains("migrate"))
{
    var applied = await app.Services.GetRequiredService<SchemaMigrator>().MigrateAsync();
    app.Logger.LogInformation("Schema is current; applied {Count} migration(s)", applied.Count);
    return;
}

if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SiloOptions>>().Value.HostGateway) app.MapGoChatGateway();
else
{
    app.MapHealthEndpoints();
    // The benchmark's per-window runtime figures (GC, thread pool, group commits): mapped in its environment only.
    if (app.Environment.IsEnvironment(GoChat.Gateway.RateLimiting.RateLimiters.BenchmarkEnvironment)) GoChat.Gateway.Telemetry.BenchRuntimeEndpoints.MapBenchRuntime(app);
}
app.Run();
