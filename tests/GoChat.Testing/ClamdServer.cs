using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GoChat.Testing;

/// <summary>
/// clamd's limits for one test server (bytes, and archive depth). With AlertExceedsMax on, a file past them is reported
/// as "Heuristics.Limits.Exceeded.*"; past StreamMaxLength clamd stops reading and answers "size limit exceeded".
/// </summary>
public sealed record ClamdLimits(long StreamMaxLength, long MaxFileSize, long MaxScanSize, int MaxRecursion)
{
    private const long MiB = 1024 * 1024;

    /// <summary>Room for a 20 MB stream and a few nested archives: what <see cref="ClamdServer.Shared"/> runs with.</summary>
    public static ClamdLimits Roomy { get; } = new(64 * MiB, 64 * MiB, 64 * MiB, 8);

    /// <summary>1 MiB files and scans, 2 MiB streams, four archives deep: for tests of what lies past the limits, kept fast.</summary>
    public static ClamdLimits Small { get; } = new(2 * MiB, 1 * MiB, 1 * MiB, 4);
}

/// <summary>
/// A real clamd for one test process, started from the machine's binary (Debian's clamav-daemon, see
/// scripts/ensure-prereqs.sh) in the foreground with its own config in a temp folder: TCP on a free loopback port and a
/// Unix socket, its log in the folder, and a database of one signature of ours for EICAR (<see cref="EicarSignature"/>),
/// since this machine cannot download ClamAV's. Stopped when the process exits.
/// </summary>
public sealed class ClamdServer
{
    /// <summary>The signature's name; clamd reports it as "GoChat.Test.EICAR.UNOFFICIAL" (not from ClamAV's own databases).</summary>
    public const string EicarSignature = "GoChat.Test.EICAR";

    private static readonly Lazy<Task<ClamdServer>> SharedServer = new(() => StartAsync(ClamdLimits.Roomy));
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _root;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();

    private ClamdServer(Process process, string root, int port, ClamdLimits limits)
    {
        _process = process;
        _root = root;
        Port = port;
        Limits = limits;
    }

    /// <summary>One server with <see cref="ClamdLimits.Roomy"/> for the whole test process.</summary>
    public static Task<ClamdServer> Shared => SharedServer.Value;

    public string Host => "127.0.0.1";
    public int Port { get; }
    public string UnixSocket => Path.Combine(_root, "clamd.sock");
    public string LogFile => Path.Combine(_root, "clamd.log");
    public ClamdLimits Limits { get; }

    /// <summary>A server of its own, e.g. with smaller limits than the shared one. It too stops when the process exits.</summary>
    public static async Task<ClamdServer> StartAsync(ClamdLimits limits)
    {
        var binary = FindBinary();
        var root = Path.Combine(Path.GetTempPath(), $"gochat-test-clamd-{Environment.ProcessId}-{Guid.NewGuid():N}"[..44]);
        var database = Path.Combine(root, "db");
        Directory.CreateDirectory(database);
        // clamd loads every signature file in its database folder: with only this one it starts in about a second.
        // Body signature: any target type, at any offset, the hex of the 68 bytes (built at run time, see Eicar).
        await File.WriteAllTextAsync(Path.Combine(database, "gochat-test.ndb"), $"{EicarSignature}:0:*:{Convert.ToHexStringLower(Eicar.Bytes())}\n");

        var port = FreePort();
        var config = Path.Combine(root, "clamd.conf");
        await File.WriteAllTextAsync(config, Config(root, database, port, limits));

        var psi = new ProcessStartInfo(binary, ["-c", config]) { RedirectStandardOutput = true, RedirectStandardError = true };
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"{binary} did not start.");
        var server = new ClamdServer(process, root, port, limits);
        // In the foreground clamd also writes its log to stdout: read, so a full pipe never stalls it, and kept for errors.
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();

        try
        {
            await server.WaitUntilAnswering();
        }
        catch
        {
            server.Stop();
            throw;
        }
        return server;
    }

    /// <summary>What clamd printed so far (its log as it went to stdout, and stderr), for a failing test's message.</summary>
    public string Output()
    {
        lock (_outputLock) return _output.ToString();
    }

    private static string Config(string root, string database, int port, ClamdLimits limits) => string.Join('\n',
        $"DatabaseDirectory {database}",
        $"TCPSocket {port}",
        "TCPAddr 127.0.0.1",
        $"LocalSocket {Path.Combine(root, "clamd.sock")}",
        // Stays attached so the test process can stop it; runs as whoever runs the tests (no User, no switching).
        "Foreground yes",
        $"LogFile {Path.Combine(root, "clamd.log")}",
        "LogTime yes",
        Size("StreamMaxLength", limits.StreamMaxLength),
        Size("MaxFileSize", limits.MaxFileSize),
        Size("MaxScanSize", limits.MaxScanSize),
        $"MaxRecursion {limits.MaxRecursion}",
        // Without these clamd answers OK for what it did not look at: files past the limits and encrypted containers.
        // AlertEncrypted covers AlertEncryptedArchive and AlertEncryptedDoc.
        "AlertExceedsMax yes",
        "AlertEncrypted yes",
        "MaxThreads 4",
        "");

    private static string Size(string option, long bytes) => $"{option} {bytes.ToString(CultureInfo.InvariantCulture)}";

    private async Task WaitUntilAnswering()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        var exited = _process.WaitForExitAsync();
        while (!await Pong())
        {
            if (exited.IsCompleted) throw new InvalidOperationException($"clamd exited ({_process.ExitCode}) before it answered PING:\n{Output()}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"clamd did not answer PING on port {Port} within {StartTimeout.TotalSeconds} s:\n{Output()}");
            // Wakes at once if clamd dies instead of coming up.
            await Task.WhenAny(exited, Task.Delay(50));
        }
    }

    private async Task<bool> Pong()
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("zPING\0"u8.ToArray(), timeout.Token);
            var reply = new byte[16];
            var length = 0;
            while (length < reply.Length && Array.IndexOf(reply, (byte)0, 0, length) < 0)
            {
                var read = await stream.ReadAsync(reply.AsMemory(length), timeout.Token);
                if (read == 0) break;
                length += read;
            }
            return Encoding.ASCII.GetString(reply, 0, length).TrimEnd('\0') == "PONG";
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_outputLock) _output.AppendLine(line);
    }

    private void Stop()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(10_000);
            }
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception)
        {
            // Best effort at process exit: the folder is under /tmp and the server dies with the machine.
        }
    }

    private static string FindBinary()
    {
        var configured = Environment.GetEnvironmentVariable("GOCHAT_CLAMD");
        if (!string.IsNullOrEmpty(configured)) return configured;
        const string debian = "/usr/sbin/clamd";
        return File.Exists(debian) ? debian : throw new InvalidOperationException("clamd not found: install clamav-daemon (scripts/ensure-prereqs.sh) or set GOCHAT_CLAMD.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
