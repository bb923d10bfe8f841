using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoChat.Files.Scanning;

/// <summary>
/// Scans with ClamAV's clamd over its INSTREAM command, on TCP or a Unix socket: "zINSTREAM\0", the file as chunks
/// each behind its 4-byte big-endian length, a zero-length chunk to end it, then one NUL-terminated reply. The file is
/// streamed through one pooled buffer, so a scan holds <see cref="ClamdOptions.ChunkBytes"/> of it, never all of it.
/// </summary>
/// <remarks>
/// clamd only vouches for what it looked at: files past its MaxFileSize, MaxScanSize or MaxRecursion, or encrypted
/// ones, come back "OK" unless clamd runs with AlertExceedsMax and AlertEncrypted (docs/files/scanning.md). With them,
/// they come back as heuristics, which this scanner reports as <see cref="ScanOutcome.Unscannable"/>.
/// </remarks>
public sealed class ClamdScanner : IMalwareScanner
{
    private const int LengthPrefix = 4;

    /// <summary>clamd answers in one short line; more than this without a NUL is not clamd talking.</summary>
    private const int MaxReply = 1024;

    /// <summary>A ping is a health check's question: it should not wait as long as a scan of a large archive may.</summary>
    private static readonly TimeSpan LongestPing = TimeSpan.FromSeconds(10);

    private static readonly byte[] InstreamCommand = "zINSTREAM\0"u8.ToArray();
    private static readonly byte[] PingCommand = "zPING\0"u8.ToArray();

    private readonly ClamdOptions _options;
    private readonly ILogger<ClamdScanner> _logger;

    public ClamdScanner(IOptions<ClamdOptions> options, ILogger<ClamdScanner> logger)
    {
        _options = options.Value;
        if (!_options.IsConfigured) throw new InvalidOperationException($"{ClamdOptions.Section} has neither Host nor UnixSocket.");
        _logger = logger;
    }

    /// <summary>Where scans go: "host:port" or "unix:/path".</summary>
    public string Endpoint => _options.Endpoint;

    public async Task<ScanVerdict> Scan(Stream content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var activity = ScanningTelemetry.Source.StartActivity("clamd.scan", ActivityKind.Client);
        activity?.SetTag("server.address", Endpoint);
        var started = Stopwatch.GetTimestamp();
        var progress = new Progress();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(_options.Timeout);

        ScanVerdict verdict;
        try
        {
            verdict = await Exchange(content, progress, deadline.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            verdict = new ScanVerdict(ScanOutcome.Failed, $"clamd at {Endpoint} gave no verdict within {_options.TimeoutSeconds} s.");
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        ScanningTelemetry.Record(verdict.Outcome, elapsed);
        if (activity is not null)
        {
            activity.SetTag("gochat.scan.outcome", ScanningTelemetry.OutcomeName(verdict.Outcome));
            activity.SetTag("gochat.scan.bytes", progress.Sent);
            if (verdict.Outcome == ScanOutcome.Failed) activity.SetStatus(ActivityStatusCode.Error, verdict.Detail);
        }
        Log(verdict, progress.Sent, elapsed);
        return verdict;
    }

    /// <summary>
    /// True when clamd answers PING with PONG within the scan timeout (at most 10 s): for a health check. Why not is
    /// logged, not thrown; cancelling <paramref name="ct"/> throws.
    /// </summary>
    public async Task<bool> Ping(CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(_options.Timeout < LongestPing ? _options.Timeout : LongestPing);
        string why;
        try
        {
            using var socket = await Connect(deadline.Token);
            await using var network = new NetworkStream(socket, ownsSocket: false);
            await network.WriteAsync(PingCommand, deadline.Token);
            var reply = await ReadReply(network, deadline.Token);
            if (reply.Text == "PONG") return true;
            why = reply.Text is null ? $"closed the connection ({reply.Error ?? "end of stream"})" : "answered something other than PONG";
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            why = "no answer in time";
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            why = e.Message;
        }
        _logger.PingFailed(Endpoint, why);
        return false;
    }

    private async Task<ScanVerdict> Exchange(Stream content, Progress progress, CancellationToken token)
    {
        Socket socket;
        try
        {
            socket = await Connect(token);
        }
        catch (SocketException e)
        {
            return new ScanVerdict(ScanOutcome.Failed, $"Cannot connect to clamd at {Endpoint}: {e.Message}");
        }

        await using var network = new NetworkStream(socket, ownsSocket: true);
        if (!await TryWrite(network, InstreamCommand, token)) return NoVerdict(await ReadReply(network, token), progress);

        // Read while sending: clamd answers early when it stops reading (past StreamMaxLength), and that reply,
        // not a broken pipe on the next write, says why.
        var reply = ReadReply(network, token);
        var buffer = ArrayPool<byte>.Shared.Rent(_options.ChunkBytes);
        try
        {
            var room = _options.ChunkBytes - LengthPrefix;
            while (!reply.IsCompleted)
            {
                var read = await content.ReadAtLeastAsync(buffer.AsMemory(LengthPrefix, room), room, throwOnEndOfStream: false, token);
                BinaryPrimitives.WriteUInt32BigEndian(buffer, (uint)read);
                // A read of nothing is the end of the file, and its zero-length chunk is the end of INSTREAM.
                if (!await TryWrite(network, buffer.AsMemory(0, LengthPrefix + read), token)) break;
                progress.Sent += read;
                if (read == 0) break;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var answer = await reply;
        return answer.Text is null ? NoVerdict(answer, progress) : ClamdReply.Parse(answer.Text);
    }

    private ScanVerdict NoVerdict(Reply reply, Progress progress) =>
        reply.Text is not null
            ? ClamdReply.Parse(reply.Text)
            : new ScanVerdict(ScanOutcome.Failed, $"clamd at {Endpoint} closed the connection after {progress.Sent} bytes without a verdict ({reply.Error ?? "end of stream"}).");

    private async Task<Socket> Connect(CancellationToken token)
    {
        var unix = !string.IsNullOrWhiteSpace(_options.UnixSocket);
        var socket = unix
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            EndPoint endpoint = unix ? new UnixDomainSocketEndPoint(_options.UnixSocket!) : new DnsEndPoint(_options.Host!, _options.Port);
            await socket.ConnectAsync(endpoint, token);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>False when clamd is no longer reading (it closed or reset the connection); its reply, if any, says why.</summary>
    private static async Task<bool> TryWrite(NetworkStream network, ReadOnlyMemory<byte> bytes, CancellationToken token)
    {
        try
        {
            await network.WriteAsync(bytes, token);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// clamd's reply up to its NUL (or the end of the connection). A connection that breaks before any reply gives
    /// Text null and the reason; only cancellation throws, so a reply read left running never faults unobserved.
    /// </summary>
    private static async Task<Reply> ReadReply(NetworkStream network, CancellationToken token)
    {
        var buffer = new byte[MaxReply];
        var length = 0;
        try
        {
            while (length < buffer.Length)
            {
                var read = await network.ReadAsync(buffer.AsMemory(length), token);
                if (read == 0) break;
                var end = Array.IndexOf(buffer, (byte)0, length, read);
                length += read;
                if (end >= 0)
                {
                    length = end;
                    break;
                }
            }
            return length == 0 ? new Reply(null, null) : new Reply(Encoding.UTF8.GetString(buffer, 0, length), null);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            return length == 0 ? new Reply(null, e.Message) : new Reply(Encoding.UTF8.GetString(buffer, 0, length), null);
        }
    }

    private void Log(ScanVerdict verdict, long bytes, TimeSpan elapsed)
    {
        switch (verdict.Outcome)
        {
            case ScanOutcome.Clean: _logger.ScanClean(Endpoint, bytes, elapsed.TotalMilliseconds); break;
            case ScanOutcome.Infected: _logger.ScanInfected(Endpoint, verdict.Detail, bytes); break;
            case ScanOutcome.Unscannable: _logger.ScanUnscannable(Endpoint, verdict.Detail, bytes); break;
            default: _logger.ScanFailed(Endpoint, verdict.Detail, bytes); break;
        }
    }

    private readonly record struct Reply(string? Text, string? Error);

    /// <summary>Bytes of the file sent so far, kept outside the exchange so a timeout still reports them.</summary>
    private sealed class Progress
    {
        public long Sent;
    }
}
