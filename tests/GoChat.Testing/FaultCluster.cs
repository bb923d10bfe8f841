using GoChat.GrainInterfaces;
using GoChat.GrainInterfaces.Models;
using Microsoft.Extensions.Logging;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;

namespace GoChat.Testing;

/// <summary>
/// A GoChat cluster of real processes on loopback, as scripts/cluster.sh runs it: three silos and two gateways
/// (the silo/bin and gateway/bin builds, started with <c>dotnet X.dll</c>) on a database of their own on the test
/// run's throwaway PostgreSQL, with the fast membership and lease timings that production may tune up.
/// </summary>
public sealed class FaultCluster : IAsyncDisposable
{
    public const int SiloCount = 3;
    public const int GatewayCount = 2;

    /// <summary>Leases (subscriptions, connections' presence) last this long here: a crashed gateway's users go offline within it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(6);

    private static readonly string Root = FindRoot();
    private static readonly string Configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0

    private readonly string _name;
    private readonly string _clusterId = "faults-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _signingKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private readonly int[] _siloPorts = Ports(SiloCount), _siloGatewayPorts = Ports(SiloCount), _siloHttp = Ports(SiloCount), _gatewayHttp = Ports(GatewayCount);
    private readonly Process?[] _silos = new Process?[SiloCount];
    private readonly Process?[] _gateways = new Process?[GatewayCount];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private IHost? _observer;

    private FaultCluster(string name, string connectionString, PostgresServer server)
    {
        _name = name;
        ConnectionString = connectionString;
        Postgres = server;
        LogDirectory = Path.Combine(AppContext.BaseDirectory, "fault-logs", name);
        if (Directory.Exists(LogDirectory)) Directory.Delete(LogDirectory, recursive: true);
        Directory.CreateDirectory(LogDirectory);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
    }

    public string ConnectionString { get; }
    public PostgresServer Postgres { get; }
    public string LogDirectory { get; }

    /// <summary>
    /// The grain calls the gateways gave up on at their response timeout, a line each: what held delivery when a
    /// recovery took that long (the logs stay on the machine that ran the test; this reaches the test's output).
    /// </summary>
    public string UnansweredCalls()
    {
        var lines = new List<string>();
        for (var i = 0; i < GatewayCount; i++)
        {
            var path = Path.Combine(LogDirectory, $"gateway{i + 1}.log");
            if (!File.Exists(path)) continue;
            using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            string? previous = null;
            for (var line = reader.ReadLine(); line is not null; previous = line, line = reader.ReadLine())
            {
                if (!line.Contains("did not arrive on time")) continue;
                var at = previous is { Length: >= 12 } ? previous[..12] : "?";
                lines.Add($"gateway{i + 1} {at} {line.Trim()[..Math.Min(line.Trim().Length, 240)]}");
            }
        }
        return lines.Count == 0 ? "(none)" : string.Join('\n', lines.Take(20));
    }

    public Uri GatewayUri(int gateway) => new($"http://127.0.0.1:{_gatewayHttp[gateway]}");

    /// <param name="silosFirst">
    /// Start the gateways only once every silo is ready: slower, but on a starved machine silos can take longer to come
    /// up than a gateway keeps trying to reach one (Cluster:RetrySeconds).
    /// </param>
    public static async Task<FaultCluster> StartAsync(string name, bool silosFirst = false)
    {
        var server = await PostgresServer.Shared;
        var cluster = new FaultCluster(name, await server.CreateDatabaseAsync("faults"), server);
        try
        {
            // All at once: gateways keep trying to reach a silo until one answers.
            for (var i = 0; i < SiloCount; i++) cluster.StartSilo(i);
            if (silosFirst)
            {
                for (var i = 0; i < SiloCount; i++) await cluster.WaitSiloReady(i);
            }
            for (var i = 0; i < GatewayCount; i++) cluster.StartGateway(i);
            for (var i = 0; i < SiloCount; i++) await cluster.WaitSiloReady(i);
            for (var i = 0; i < GatewayCount; i++) await cluster.WaitGatewayReady(i);
            return cluster;
        }
        catch
        {
            // Nobody else holds the cluster yet: processes that did start must not outlive the failed test.
            await cluster.DisposeAsync();
            throw;
        }
    }

    private IDictionary<string, string> Common() => new Dictionary<string, string>
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Logging__LogLevel__Default"] = "Information",
        ["Logging__LogLevel__Orleans"] = "Warning",
        ["Leases__Seconds"] = Lease.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Logging__Console__TimestampFormat"] = "HH:mm:ss.fff ",
        ["DOTNET_gcServer"] = "0", // five hosts and the test on two cores
    };

    public void StartSilo(int i)
    {
        var env = Common();
        env["Urls"] = $"http://127.0.0.1:{_siloHttp[i]}";
        env["ConnectionStrings__GoChat"] = Pool(ConnectionString, 15);
        env["Silo__ClusterId"] = _clusterId;
        env["Silo__SiloPort"] = _siloPorts[i].ToString();
        env["Silo__GatewayPort"] = _siloGatewayPorts[i].ToString();
        env["Silo__MigrateOnStart"] = "false";
        env["Smtp__Delivery"] = "Log";
        env["Membership__ProbeSeconds"] = "1";
        env["Membership__MissedProbes"] = "2";
        env["Membership__VotesForDeath"] = "2";
        env["Membership__TableRefreshSeconds"] = "2";
        env["Membership__IAmAliveSeconds"] = "5";
        env["Membership__ResponseTimeoutSeconds"] = "10";
        _silos[i] = Start(Path.Combine(Root, "silo", "bin", Configuration, "net10.0"), "GoChat.Silo.dll", env, $"silo{i + 1}");
    }

    public void StartGateway(int i)
    {
        var env = Common();
        env["Urls"] = $"http://127.0.0.1:{_gatewayHttp[i]}";
        env["ConnectionStrings__GoChat"] = Pool(ConnectionString, 5);
        env["Cluster__ClusterId"] = _clusterId;
        env["Cluster__ClusterWatchSeconds"] = "0.5";
        env["Cluster__GatewayListRefreshSeconds"] = "2";
        env["Cluster__ResponseTimeoutSeconds"] = "10";
        env["Cluster__RetrySeconds"] = "20";
        env["Auth__SigningKey"] = _signingKey;
        env["RateLimits__AuthRequestsPerIpPerMinute"] = "100000";
        // The load's senders resend everything unacked after a fault, in a burst: faults are under test here, not
        // the send budgets (a refused CreateGroup after the resends made the silo test fail on a busy machine).
        foreach (var budget in GoChatStack.Budgets)
        {
            foreach (var scope in new[] { "PerUser", "PerDevice" })
            {
                env[$"RateLimits__{budget}__{scope}__PerSecond"] = "100000";
                env[$"RateLimits__{budget}__{scope}__Burst"] = "100000";
            }
        }
        env["Drain__ReadinessGraceSeconds"] = "1";
        _gateways[i] = Start(Path.Combine(Root, "gateway", "bin", Configuration, "net10.0"), "GoChat.Gateway.dll", env, $"gateway{i + 1}");
    }

    public Task WaitSiloReady(int i) => WaitReady(_silos[i]!, _siloHttp[i], $"silo{i + 1}");

    public Task WaitGatewayReady(int i) => WaitReady(_gateways[i]!, _gatewayHttp[i], $"gateway{i + 1}");

    /// <summary>Whether silo i's process is gone: it exited by itself, or was killed and not started again.</summary>
    public bool SiloDown(int i) => _silos[i] is not { HasExited: false };

    public bool GatewayDown(int i) => _gateways[i] is not { HasExited: false };

    /// <summary>kill -9.</summary>
    public void KillSilo(int i) => Kill(ref _silos[i]);

    public void KillGateway(int i) => Kill(ref _gateways[i]);

    /// <summary>SIGTERM, then waits until the process has exited; returns how long that took.</summary>
    public Task<TimeSpan> TerminateSilo(int i) => Terminate(_silos[i]!);

    public Task<TimeSpan> TerminateGateway(int i) => Terminate(_gateways[i]!);

    /// <summary>Whether the gateway answers ready right now.</summary>
    public async Task<bool> GatewayReady(int i)
    {
        try
        {
            return (await _http.GetAsync($"http://127.0.0.1:{_gatewayHttp[i]}/health/ready")).IsSuccessStatusCode;
        }
        catch (Exception)
        {
            return false;
        }
    }

    public async Task<DevSession> SignInAsync(string handle, int gateway = 0)
    {
        var response = await _http.PostAsJsonAsync(new Uri(GatewayUri(gateway), "/api/dev/sign-in"), new { handle });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<DevSession>())!;
    }

    /// <summary>Which silo (0-based) holds the grain's activation now, as the cluster itself says; -1 if none.</summary>
    public async Task<int> SiloOf(Func<IGrainFactory, IAddressable> grain)
    {
        var client = (await Observer()).Services.GetRequiredService<IClusterClient>();
        var address = await client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain(client));
        return address is null ? -1 : Array.IndexOf(_siloPorts, address.Endpoint.Port);
    }

    /// <summary>An Orleans client of the cluster in the test process, only to ask where grains live.</summary>
    private async Task<IHost> Observer()
    {
        if (_observer is not null) return _observer;
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(Pool(ConnectionString, 2)));
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = _clusterId;
                o.ServiceId = "gochat";
            });
            client.UseAdoNetClustering(o => o.Configure<NpgsqlDataSource>((c, ds) =>
            {
                c.Invariant = "Npgsql";
                c.DataSource = ds;
            }));
        });
        var host = builder.Build();
        await host.StartAsync();
        return _observer = host;
    }

    public string LogTail(string process, int lines = 40)
    {
        var path = Path.Combine(LogDirectory, process + ".log");
        return File.Exists(path) ? string.Join('\n', File.ReadLines(path).TakeLast(lines)) : "(no log)";
    }

    public async ValueTask DisposeAsync()
    {
        if (_observer is not null)
        {
            try
            {
                await _observer.StopAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception)
            {
                // The cluster goes next anyway.
            }
            _observer.Dispose();
        }
        KillAll();
        _http.Dispose();
    }

    private void KillAll()
    {
        for (var i = 0; i < GatewayCount; i++) Kill(ref _gateways[i]);
        for (var i = 0; i < SiloCount; i++) Kill(ref _silos[i]);
    }

    private Process Start(string directory, string dll, IDictionary<string, string> env, string name)
    {
        var path = Path.Combine(directory, dll);
        if (!File.Exists(path)) throw new InvalidOperationException($"{path} is missing: build the solution first (scripts/test.sh does).");
        var psi = new ProcessStartInfo("dotnet", [path])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (k, v) in env) psi.Environment[k] = v;
        var log = new StreamWriter(Path.Combine(LogDirectory, name + ".log"), append: true) { AutoFlush = true };
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var gate = new object();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (gate) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (gate) log.WriteLine(e.Data); };
        process.Exited += (_, _) => { lock (gate) log.WriteLine($"--- exited {DateTime.UtcNow:HH:mm:ss.fff}"); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task WaitReady(Process process, int port, string name)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"{name} exited with {process.ExitCode}:\n{LogTail(name)}");
            try
            {
                if ((await _http.GetAsync($"http://127.0.0.1:{port}/health/ready")).IsSuccessStatusCode) return;
            }
            catch (Exception)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{name} did not become ready:\n{LogTail(name)}");
    }

    private static void Kill(ref Process? process)
    {
        var p = process;
        process = null;
        if (p is null) return;
        try
        {
            if (!p.HasExited) p.Kill();
            p.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static async Task<TimeSpan> Terminate(Process process)
    {
        var started = Stopwatch.StartNew();
        if (SysKill(process.Id, 15) != 0) throw new InvalidOperationException($"kill -TERM {process.Id} failed");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return started.Elapsed;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);

    private static string Pool(string connectionString, int size) =>
        System.Text.RegularExpressions.Regex.Replace(connectionString, "Maximum Pool Size=\\d+", $"Maximum Pool Size={size}");

    private static readonly HashSet<int> HandedOut = [];

    /// <summary>
    /// Ports below the kernel's ephemeral range (32768 and up): the processes bind them later, some of them again after
    /// a kill, and meanwhile the load's own outgoing connections would be handed a free ephemeral port like these.
    /// Every port handed out by this process is remembered: the probe only shows a port is free now, and the silo,
    /// gateway and HTTP ports of one cluster are all drawn before any process binds them, so two draws must never meet.
    /// </summary>
    private static int[] Ports(int count)
    {
        var ports = new List<int>();
        while (ports.Count < count)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            lock (HandedOut)
            {
                if (!HandedOut.Add(port)) continue;
            }
            try
            {
                using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
                probe.Start();
                ports.Add(port);
            }
            catch (System.Net.Sockets.SocketException)
            {
                // taken: draw another
            }
        }
        return [.. ports];
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GoChat.Orleans.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("GoChat.Orleans.sln not found above " + AppContext.BaseDirectory);
    }
}
