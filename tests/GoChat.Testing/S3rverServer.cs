using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace GoChat.Testing;

/// <summary>
/// A real S3-compatible server for one test class: s3rver (MIT, pinned in tests/s3rver/package-lock.json) run by node
/// on a loopback port the OS picks, over a temp folder, with one bucket made at start. Stopped on dispose or when the
/// process exits. s3rver checks no SigV4 signature, only that the access key is one it knows: S3RVER/S3RVER.
/// </summary>
public sealed partial class S3rverServer : IAsyncDisposable
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    private readonly Process _process;
    private readonly string _dataDir;
    private int _stopped;

    private S3rverServer(Process process, string dataDir, string bucket)
    {
        _process = process;
        _dataDir = dataDir;
        Bucket = bucket;
    }

    public int Port { get; private set; }

    public string Bucket { get; }

    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    [GeneratedRegex(@"S3rver listening on [^:\s]+:(\d+)")]
    private static partial Regex ListeningLine();

    public static async Task<S3rverServer> StartAsync(string bucket = "gochat-files")
    {
        var folder = PackageFolder();
        await EnsureInstalled(folder);

        var dataDir = Path.Combine(Path.GetTempPath(), $"gochat-test-s3-{Environment.ProcessId}-{Guid.NewGuid():N}"[..42]);
        Directory.CreateDirectory(dataDir);
        var psi = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Port 0: the OS picks a free one and s3rver prints it, so two test processes never race for a port. The
        // legacy provider: s3rver encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3 leaves out by
        // default, so without it every listing longer than one page (1,000 keys) fails with an internal error.
        foreach (var arg in new[] { "--openssl-legacy-provider", Path.Combine(folder, "node_modules", "s3rver", "bin", "s3rver.js"), "-d", dataDir, "-a", "127.0.0.1", "-p", "0", "--silent", "--configure-bucket", bucket })
            psi.ArgumentList.Add(arg);

        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new StringBuilder();
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && ListeningLine().Match(line) is { Success: true } m) listening.TrySetResult(int.Parse(m.Groups[1].Value));
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (errors) errors.AppendLine(e.Data); };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"s3rver exited before listening: {Text(errors)}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new S3rverServer(process, dataDir, bucket);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        try
        {
            server.Port = await listening.Task.WaitAsync(StartTimeout);
            await server.WaitUntilBucketAnswers();
            return server;
        }
        catch (TimeoutException)
        {
            server.Stop();
            throw new TimeoutException($"s3rver did not listen within {StartTimeout.TotalSeconds} s: {Text(errors)}");
        }
        catch
        {
            server.Stop();
            throw;
        }
    }

    /// <summary>The bucket was made before s3rver listened; one answer for it shows the server serves requests.</summary>
    private async Task WaitUntilBucketAnswers()
    {
        using var http = new HttpClient { Timeout = StartTimeout };
        using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"{ServiceUrl}/{Bucket}"));
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"s3rver answered {(int)response.StatusCode} for bucket {Bucket}.");
    }

    private static string PackageFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var folder = Path.Combine(dir.FullName, "tests", "s3rver");
            if (File.Exists(Path.Combine(folder, "package-lock.json"))) return folder;
        }
        throw new InvalidOperationException($"No tests/s3rver/package-lock.json above {AppContext.BaseDirectory}.");
    }

    /// <summary>
    /// Installs the pinned s3rver on first use (a fresh clone, CI): npm ci reads only the lock file and writes only
    /// node_modules/, which git ignores, so the clone stays clean.
    /// </summary>
    private static async Task EnsureInstalled(string folder)
    {
        var entry = Path.Combine(folder, "node_modules", "s3rver", "bin", "s3rver.js");
        await InstallGate.WaitAsync();
        try
        {
            if (File.Exists(entry)) return;
            var psi = new ProcessStartInfo("npm") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "ci", "--no-audit", "--no-fund" }) psi.ArgumentList.Add(arg);
            using var npm = Process.Start(psi)!;
            var stdout = npm.StandardOutput.ReadToEndAsync();
            var stderr = npm.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(InstallTimeout);
            try
            {
                await npm.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                npm.Kill(entireProcessTree: true);
                throw new TimeoutException($"npm ci in {folder} took longer than {InstallTimeout.TotalMinutes} minutes.");
            }
            if (npm.ExitCode != 0 || !File.Exists(entry))
                throw new InvalidOperationException($"npm ci in {folder} exited {npm.ExitCode}: {await stdout} {await stderr}");
        }
        finally
        {
            InstallGate.Release();
        }
    }

    private static string Text(StringBuilder errors)
    {
        lock (errors) return errors.ToString().Trim();
    }

    private void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
            _process.Dispose();
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (Exception)
        {
            // Best effort: the folder is under /tmp, and a node that outlives us holds only test data.
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }
}
