using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using GoChat.Files.Scanning;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace GoChat.Files.Tests.Scanning;

/// <summary>A scanner that cannot give a verdict gives Failed (the file stays quarantined), never Clean and never an exception.</summary>
public class ClamdFailureTests
{
    private static readonly byte[] Clean = Encoding.UTF8.GetBytes("hello");

    [Fact]
    public async Task A_scanner_that_is_not_listening_is_a_failure()
    {
        var scanner = Scanners.For(new ClamdOptions { Host = "127.0.0.1", Port = ClosedPort() });
        var verdict = await scanner.Scan(Clean);
        Assert.Equal(ScanOutcome.Failed, verdict.Outcome);
        Assert.Contains("Cannot connect", verdict.Detail);
        Assert.False(await scanner.Ping(CancellationToken.None));
    }

    [Fact]
    public async Task A_missing_unix_socket_is_a_failure()
    {
        var scanner = Scanners.For(new ClamdOptions { UnixSocket = Path.Combine(Path.GetTempPath(), $"gochat-no-clamd-{Guid.NewGuid():N}.sock") });
        Assert.Equal(ScanOutcome.Failed, (await scanner.Scan(Clean)).Outcome);
    }

    [Fact]
    public async Task A_scanner_that_accepts_and_never_answers_fails_within_the_timeout()
    {
        using var listener = Listen();
        var stalled = listener.AcceptTcpClientAsync();
        var scanner = Scanners.For(new ClamdOptions { Host = "127.0.0.1", Port = Port(listener), TimeoutSeconds = 1 });
        var clock = Stopwatch.StartNew();

        var verdict = await scanner.Scan(Clean);

        clock.Stop();
        using var _ = await stalled;
        Assert.Equal(ScanOutcome.Failed, verdict.Outcome);
        Assert.Contains("within 1 s", verdict.Detail);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_ping_to_a_scanner_that_never_answers_is_false_within_the_timeout()
    {
        using var listener = Listen();
        var stalled = listener.AcceptTcpClientAsync();
        var scanner = Scanners.For(new ClamdOptions { Host = "127.0.0.1", Port = Port(listener), TimeoutSeconds = 1 });
        Assert.False(await scanner.Ping(CancellationToken.None));
        using var _ = await stalled;
    }

    [Fact]
    public async Task The_health_check_reports_a_clamd_that_is_not_listening_with_its_failure_status()
    {
        var scanner = Scanners.For(new ClamdOptions { Host = "127.0.0.1", Port = ClosedPort() });
        var check = new ScannerHealthCheck(scanner, Options.Create(new ScanningOptions()));
        var result = await check.CheckHealthAsync(HealthChecks.Context(check, HealthStatus.Degraded));
        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("does not answer", result.Description);
    }

    [Fact]
    public async Task Cancelling_the_caller_throws_rather_than_giving_a_verdict()
    {
        using var listener = Listen();
        var stalled = listener.AcceptTcpClientAsync();
        var scanner = Scanners.For(new ClamdOptions { Host = "127.0.0.1", Port = Port(listener), TimeoutSeconds = 60 });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scanner.Scan(new MemoryStream(Clean), cancel.Token));
        using var _ = await stalled;
    }

    [Theory]
    [InlineData("HTTP/1.1 400 Bad Request\r\n\r\n")]
    [InlineData("stream: FOUND\0")]
    [InlineData("\u0001\u0002\u0003")]
    public async Task A_garbled_reply_is_a_failure_not_a_verdict(string reply)
    {
        using var listener = Listen();
        var peer = AnswerOnce(listener, Encoding.Latin1.GetBytes(reply));
        var verdict = await Scanners.For(new ClamdOptions { Host = "127.0.0.1", Port = Port(listener) }).Scan(Clean);
        await peer;
        Assert.Equal(ScanOutcome.Failed, verdict.Outcome);
        Assert.Contains("Unexpected reply", verdict.Detail);
    }

    [Fact]
    public async Task A_connection_closed_without_a_reply_is_a_failure()
    {
        using var listener = Listen();
        var peer = AnswerOnce(listener, []);
        var verdict = await Scanners.For(new ClamdOptions { Host = "127.0.0.1", Port = Port(listener) }).Scan(Clean);
        await peer;
        Assert.Equal(ScanOutcome.Failed, verdict.Outcome);
        Assert.Contains("without a verdict", verdict.Detail);
    }

    [Fact]
    public async Task A_clamd_error_is_a_failure()
    {
        using var listener = Listen();
        var peer = AnswerOnce(listener, "stream: Can't allocate memory ERROR\0"u8.ToArray());
        var verdict = await Scanners.For(new ClamdOptions { Host = "127.0.0.1", Port = Port(listener) }).Scan(Clean);
        await peer;
        Assert.Equal(ScanOutcome.Failed, verdict.Outcome);
        Assert.Contains("Can't allocate memory", verdict.Detail);
    }

    private static TcpListener Listen()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }

    private static int Port(TcpListener listener) => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>A port nobody listens on: bound, read and released.</summary>
    private static int ClosedPort()
    {
        using var listener = Listen();
        return Port(listener);
    }

    /// <summary>A peer that reads the command, sends <paramref name="reply"/> and hangs up, as a confused server would.</summary>
    private static async Task AnswerOnce(TcpListener listener, byte[] reply)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var command = new byte["zINSTREAM\0".Length];
        await stream.ReadExactlyAsync(command);
        await stream.WriteAsync(reply);
    }
}
