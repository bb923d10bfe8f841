using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace GoChat.Testing;

/// <summary>
/// A throwaway PostgreSQL server for one test process, started from the machine's binaries in a temp
/// folder on a free loopback port, and stopped when the process exits. Each fixture gets its own database.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> SharedServer = new(StartAsync);
    private static int _databaseCounter;

    private readonly string _dataDir;
    private readonly string _bin;

    private PostgresServer(string bin, string dataDir, int port)
    {
        _bin = bin;
        _dataDir = dataDir;
        Port = port;
    }

    public int Port { get; }

    public static Task<PostgresServer> Shared => SharedServer.Value;

    public string ConnectionString(string database, int maxPool = 20) =>
        $"Host=127.0.0.1;Port={Port};Database={database};Username=postgres;Maximum Pool Size={maxPool};Timeout=30;Command Timeout=60";

    /// <summary>A new empty database with GoChat's schema applied through the real migrator.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref _databaseCounter)}".ToLowerInvariant();
        await using (var admin = new NpgsqlConnection(ConnectionString("postgres", 2)))
        {
            await admin.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await cmd.ExecuteNonQueryAsync();
        }
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString(name, 2));
        var migrator = new Grains.Storage.SchemaMigrator(dataSource, Microsoft.Extensions.Logging.Abstractions.NullLogger<Grains.Storage.SchemaMigrator>.Instance);
        await migrator.MigrateAsync();
        return ConnectionString(name);
    }

    /// <summary>
    /// Restarts the server (pg_ctl restart -m fast: open connections are cut), same port and settings. With
    /// <paramref name="crash"/> it stops with -m immediate instead (no checkpoint, crash recovery on start), as a killed
    /// server would.
    /// </summary>
    public async Task RestartAsync(bool crash = false)
    {
        await RunAs(Environment.UserName == "root", Path.Combine(_bin, "pg_ctl"), $"-D {_dataDir} -l {Path.GetDirectoryName(_dataDir)}/log -m {(crash ? "immediate" : "fast")} -w -t 60 restart");
        // This process's pooled connections died with the old server.
        NpgsqlConnection.ClearAllPools();
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBinaries();
        var root = Path.Combine(Path.GetTempPath(), $"gochat-test-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(root);
        var dataDir = Path.Combine(root, "data");
        var port = FreePort();
        var asRoot = Environment.UserName == "root";
        if (asRoot) await Run("chown", $"-R postgres {root}");

        await RunAs(asRoot, Path.Combine(bin, "initdb"), $"-D {dataDir} -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync");
        var settings = $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300 -c shared_buffers=128MB";
        await RunAs(asRoot, Path.Combine(bin, "pg_ctl"), $"-D {dataDir} -l {root}/log -w -t 60 -o \"{settings}\" start");

        var server = new PostgresServer(bin, dataDir, port);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop(asRoot, root);
        return server;
    }

    private void Stop(bool asRoot, string root)
    {
        try
        {
            var stop = asRoot
                ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", Path.Combine(_bin, "pg_ctl"), "-D", _dataDir, "-m", "immediate", "stop"])
                : new ProcessStartInfo(Path.Combine(_bin, "pg_ctl"), ["-D", _dataDir, "-m", "immediate", "stop"]);
            stop.RedirectStandardOutput = true;
            stop.RedirectStandardError = true;
            using var p = Process.Start(stop)!;
            p.WaitForExit(20_000);
            Directory.Delete(root, recursive: true);
        }
        catch (Exception)
        {
            // Best effort at process exit: the folder is under /tmp and the server dies with the machine.
        }
    }

    private static string FindBinaries()
    {
        var configured = Environment.GetEnvironmentVariable("GOCHAT_PG_BIN");
        if (!string.IsNullOrEmpty(configured)) return configured;
        var found = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).Order().LastOrDefault()
            : null;
        return found ?? throw new InvalidOperationException("PostgreSQL binaries not found: install postgresql (scripts/ensure-postgres.sh) or set GOCHAT_PG_BIN.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task RunAs(bool asRoot, string file, string arguments) =>
        asRoot ? Run("runuser", $"-u postgres -- {file} {arguments}") : Run(file, arguments);

    private static async Task Run(string file, string arguments)
    {
        var psi = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments} exited {p.ExitCode}: {await stdout} {await stderr}");
    }
}
