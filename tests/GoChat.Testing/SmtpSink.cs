using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace GoChat.Testing;

/// <summary>
/// One message the sink accepted. <paramref name="From"/> and <paramref name="To"/> are the SMTP envelope
/// (MAIL FROM and the RCPT TO addresses, in order; From is "" for the null reverse-path); the rest comes from
/// the message itself as parsed by MimeKit. <paramref name="TextBody"/> is "" when the message has no text part.
/// </summary>
public sealed record ReceivedMail(
    string From,
    IReadOnlyList<string> To,
    string Subject,
    string TextBody,
    string? HtmlBody,
    MimeMessage Message)
{
    public override string ToString() => $"from <{From}> to [{string.Join(", ", To)}] subject \"{Subject}\"";
}

/// <summary>
/// A real SMTP server (RFC 5321, plain text, no authentication) on a free loopback port, for tests that need to
/// read what GoChat really sent. It accepts every sender and recipient, keeps every message it accepted, and lets a
/// test wait for the message to one address. Advertised extensions: SIZE (the message cap), 8BITMIME, SMTPUTF8 and
/// PIPELINING; no STARTTLS, AUTH, CHUNKING or DSN.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    /// <summary>The largest message accepted, in bytes after dot-unstuffing; larger ones get 552.</summary>
    public const int MaxMessageSize = 1024 * 1024;

    private const int MaxCommandLine = 4096;
    private const int MaxRecipients = 1000;
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    private static readonly Regex CodePattern = new(@"\b\d{6}\b", RegexOptions.CultureInvariant);

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, Session> _sessions = new();
    private readonly Lock _gate = new();
    private readonly List<ReceivedMail> _messages = [];
    private TaskCompletionSource _arrival = NewSignal();
    private Task _acceptLoop = Task.CompletedTask;
    private long _nextSessionId;
    private int _disposed;

    private SmtpSink(TcpListener listener)
    {
        _listener = listener;
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    /// <summary>Every message accepted so far, in the order of acceptance (a snapshot).</summary>
    public IReadOnlyList<ReceivedMail> Messages
    {
        get
        {
            lock (_gate) return _messages.ToArray();
        }
    }

    /// <summary>Starts listening on 127.0.0.1 on a port the OS chooses.</summary>
    public static SmtpSink Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var sink = new SmtpSink(listener);
        sink._acceptLoop = Task.Run(sink.AcceptLoopAsync);
        return sink;
    }

    /// <summary>
    /// The first accepted message (including those accepted before this call) whose envelope recipients contain
    /// <paramref name="address"/> (case-insensitive) and which satisfies <paramref name="predicate"/>.
    /// Throws <see cref="TimeoutException"/> if none arrives within <paramref name="timeout"/> (default 30 s).
    /// </summary>
    public async Task<ReceivedMail> WaitForMailTo(string address, Func<ReceivedMail, bool>? predicate = null, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        address = address.Trim();
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + limit;
        var examined = 0;
        while (true)
        {
            // The predicate runs outside the lock, on the messages that arrived since the last look.
            var (fresh, arrival, disposed) = TakeNewMessages(ref examined);
            if (fresh.FirstOrDefault(Matches) is { } found)
                return found;
            ObjectDisposedException.ThrowIf(disposed, this);

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
                throw TimeoutError(address, predicate, limit);
            try
            {
                await arrival.WaitAsync(remaining);
            }
            catch (TimeoutException)
            {
                // One last look: a message may have landed right at the deadline.
                if (TakeNewMessages(ref examined).Fresh.FirstOrDefault(Matches) is { } late)
                    return late;
                throw TimeoutError(address, predicate, limit);
            }
        }

        bool Matches(ReceivedMail mail) =>
            mail.To.Any(to => string.Equals(to, address, StringComparison.OrdinalIgnoreCase)) && (predicate?.Invoke(mail) ?? true);
    }

    /// <summary>The first standalone 6-digit number in the mail's text body.</summary>
    public static string ExtractCode(ReceivedMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var match = CodePattern.Match(mail.TextBody);
        if (!match.Success)
            throw new InvalidOperationException($"No 6-digit code in the text body of the mail {mail}. Text body:\n{mail.TextBody}");
        return match.Value;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _stopping.Cancel();
        _listener.Stop();
        await _acceptLoop.ConfigureAwait(false);

        var sessions = _sessions.Values.ToArray();
        foreach (var session in sessions)
            session.Client.Dispose();
        try
        {
            await Task.WhenAll(sessions.Select(s => s.Task)).ConfigureAwait(false);
        }
        catch
        {
            // Sessions end on their own errors; nothing to report at shutdown.
        }

        // Wake the waiters so they notice the disposal instead of sitting out their timeouts.
        lock (_gate) _arrival.TrySetResult();
        _stopping.Dispose();
    }

    private (ReceivedMail[] Fresh, Task Arrival, bool Disposed) TakeNewMessages(ref int examined)
    {
        lock (_gate)
        {
            var fresh = _messages.Skip(examined).ToArray();
            examined = _messages.Count;
            return (fresh, _arrival.Task, _disposed != 0);
        }
    }

    private TimeoutException TimeoutError(string address, Func<ReceivedMail, bool>? predicate, TimeSpan limit)
    {
        var received = Messages;
        var what = predicate is null ? $"to <{address}>" : $"to <{address}> matching the predicate";
        var list = received.Count == 0 ? " none" : "\n  " + string.Join("\n  ", received);
        return new TimeoutException($"No mail {what} arrived at the SMTP sink on {Host}:{Port} within {limit.TotalSeconds:0.###} s. Received {received.Count}:{list}");
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Accept(ReceivedMail mail)
    {
        lock (_gate)
        {
            _messages.Add(mail);
            var arrived = _arrival;
            _arrival = NewSignal();
            arrived.TrySetResult();
        }
    }

    private async Task AcceptLoopAsync()
    {
        var ct = _stopping.Token;
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || ct.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // e.g. the client reset the connection before it was accepted
            }

            var session = new Session(Interlocked.Increment(ref _nextSessionId), client);
            _sessions[session.Id] = session;
            session.Task = Task.Run(() => RunSessionAsync(session, ct));
        }
    }

    private async Task RunSessionAsync(Session session, CancellationToken ct)
    {
        try
        {
            session.Client.NoDelay = true;
            var stream = session.Client.GetStream();
            await new SmtpConversation(this, stream).RunAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away abruptly, or the sink is shutting down.
        }
        catch (Exception e)
        {
            // A bug in the sink: tell the client rather than leave it hanging, then drop the connection.
            try
            {
                var reply = Encoding.ASCII.GetBytes($"421 Internal error in the test SMTP sink: {e.GetType().Name}\r\n");
                await session.Client.GetStream().WriteAsync(reply, CancellationToken.None).ConfigureAwait(false);
            }
            catch
            {
                // The connection is already unusable.
            }
        }
        finally
        {
            session.Client.Dispose();
            _sessions.TryRemove(session.Id, out _);
        }
    }

    private sealed class Session(long id, TcpClient client)
    {
        public long Id { get; } = id;
        public TcpClient Client { get; } = client;
        public Task Task { get; set; } = Task.CompletedTask;
    }

    /// <summary>One SMTP connection: the command loop and the state of the current mail transaction.</summary>
    private sealed class SmtpConversation(SmtpSink sink, NetworkStream stream)
    {
        private readonly LineReader _reader = new(stream);
        private bool _greeted;
        private string? _reversePath; // non-null while a mail transaction is open
        private readonly List<string> _recipients = [];

        public async Task RunAsync(CancellationToken ct)
        {
            await ReplyAsync("220 127.0.0.1 GoChat test SMTP sink ready", ct);
            while (true)
            {
                var read = await _reader.ReadLineAsync(MaxCommandLine, ct);
                if (read is not { } line)
                    return; // the client closed the connection
                if (line.TooLong)
                {
                    await ReplyAsync("500 Line too long", ct);
                    continue;
                }

                var text = Encoding.UTF8.GetString(line.Bytes.Span).TrimEnd('\r', '\n');
                var space = text.IndexOf(' ');
                var verb = (space < 0 ? text : text[..space]).ToUpperInvariant();
                var argument = space < 0 ? "" : text[(space + 1)..].Trim();
                switch (verb)
                {
                    case "EHLO":
                        await EhloAsync(argument, ct);
                        break;
                    case "HELO":
                        await HeloAsync(argument, ct);
                        break;
                    case "MAIL":
                        await MailAsync(argument, ct);
                        break;
                    case "RCPT":
                        await RcptAsync(argument, ct);
                        break;
                    case "DATA":
                        await DataAsync(argument, ct);
                        break;
                    case "RSET":
                        ResetTransaction();
                        await ReplyAsync("250 OK", ct);
                        break;
                    case "NOOP":
                        await ReplyAsync("250 OK", ct);
                        break;
                    case "VRFY":
                        await ReplyAsync("252 Cannot VRFY user, but will accept message and attempt delivery", ct);
                        break;
                    case "QUIT":
                        await ReplyAsync("221 127.0.0.1 closing connection", ct);
                        return;
                    case "":
                        await ReplyAsync("500 Syntax error, command unrecognized", ct);
                        break;
                    default:
                        await ReplyAsync("502 Command not implemented", ct);
                        break;
                }
            }
        }

        private async Task EhloAsync(string domain, CancellationToken ct)
        {
            if (domain.Length == 0)
            {
                await ReplyAsync("501 Syntax: EHLO domain", ct);
                return;
            }
            ResetTransaction();
            _greeted = true;
            await ReplyAsync(
                $"250-127.0.0.1 greets {domain}\r\n" +
                $"250-SIZE {MaxMessageSize}\r\n" +
                "250-8BITMIME\r\n" +
                "250-SMTPUTF8\r\n" +
                "250 PIPELINING", ct);
        }

        private async Task HeloAsync(string domain, CancellationToken ct)
        {
            if (domain.Length == 0)
            {
                await ReplyAsync("501 Syntax: HELO domain", ct);
                return;
            }
            ResetTransaction();
            _greeted = true;
            await ReplyAsync("250 127.0.0.1", ct);
        }

        private async Task MailAsync(string argument, CancellationToken ct)
        {
            if (!_greeted)
            {
                await ReplyAsync("503 Send EHLO or HELO first", ct);
                return;
            }
            if (_reversePath is not null)
            {
                await ReplyAsync("503 Nested MAIL command", ct);
                return;
            }
            if (!TryParsePath(argument, "FROM:", out var path, out var parameters))
            {
                await ReplyAsync("501 Syntax: MAIL FROM:<address> [parameters]", ct);
                return;
            }
            foreach (var parameter in parameters)
            {
                var eq = parameter.IndexOf('=');
                var keyword = (eq < 0 ? parameter : parameter[..eq]).ToUpperInvariant();
                var value = eq < 0 ? null : parameter[(eq + 1)..];
                switch (keyword)
                {
                    case "SIZE":
                        if (value is null || value.Length == 0 || !value.All(char.IsAsciiDigit) || value.Length > 18)
                        {
                            await ReplyAsync("501 Syntax: SIZE=<number>", ct);
                            return;
                        }
                        if (long.Parse(value, System.Globalization.CultureInfo.InvariantCulture) > MaxMessageSize)
                        {
                            await ReplyAsync($"552 Message size exceeds fixed maximum message size ({MaxMessageSize} bytes)", ct);
                            return;
                        }
                        break;
                    case "BODY":
                        if (!string.Equals(value, "7BIT", StringComparison.OrdinalIgnoreCase) && !string.Equals(value, "8BITMIME", StringComparison.OrdinalIgnoreCase))
                        {
                            await ReplyAsync("501 Syntax: BODY=7BIT or BODY=8BITMIME", ct);
                            return;
                        }
                        break;
                    case "SMTPUTF8":
                        if (value is not null)
                        {
                            await ReplyAsync("501 Syntax: SMTPUTF8 takes no value", ct);
                            return;
                        }
                        break;
                    default:
                        await ReplyAsync($"555 MAIL FROM parameter {keyword} not recognized", ct);
                        return;
                }
            }
            _reversePath = path;
            _recipients.Clear();
            await ReplyAsync("250 OK", ct);
        }

        private async Task RcptAsync(string argument, CancellationToken ct)
        {
            if (_reversePath is null)
            {
                await ReplyAsync("503 Need MAIL before RCPT", ct);
                return;
            }
            if (!TryParsePath(argument, "TO:", out var path, out var parameters) || path.Length == 0)
            {
                await ReplyAsync("501 Syntax: RCPT TO:<address>", ct);
                return;
            }
            if (parameters.Count > 0)
            {
                await ReplyAsync($"555 RCPT TO parameter {parameters[0]} not recognized", ct);
                return;
            }
            if (_recipients.Count >= MaxRecipients)
            {
                await ReplyAsync("452 Too many recipients", ct);
                return;
            }
            _recipients.Add(path);
            await ReplyAsync("250 OK", ct);
        }

        private async Task DataAsync(string argument, CancellationToken ct)
        {
            if (argument.Length > 0)
            {
                await ReplyAsync("501 Syntax: DATA takes no arguments", ct);
                return;
            }
            if (_reversePath is null)
            {
                await ReplyAsync("503 Need MAIL before DATA", ct);
                return;
            }
            if (_recipients.Count == 0)
            {
                await ReplyAsync("503 Need RCPT before DATA", ct);
                return;
            }
            await ReplyAsync("354 Start mail input; end with <CRLF>.<CRLF>", ct);

            using var content = new MemoryStream();
            var tooLarge = false;
            while (true)
            {
                // Room for the rest of the cap plus a stuffed dot and the line break, so an oversized line is
                // recognised without buffering it.
                var read = await _reader.ReadLineAsync(MaxMessageSize - (int)content.Length + 3, ct);
                if (read is not { } line)
                    return; // the client went away mid-message: nothing to deliver
                var bytes = line.Bytes.Span;
                if (!line.TooLong && IsTerminator(bytes))
                    break;
                if (tooLarge)
                    continue;
                if (line.TooLong)
                {
                    tooLarge = true;
                    continue;
                }
                if (bytes[0] == (byte)'.')
                    bytes = bytes[1..]; // dot-unstuffing (RFC 5321 4.5.2)
                if (content.Length + bytes.Length > MaxMessageSize)
                {
                    tooLarge = true;
                    continue;
                }
                content.Write(bytes);
            }

            var from = _reversePath;
            var to = _recipients.ToArray();
            ResetTransaction();
            if (tooLarge)
            {
                await ReplyAsync($"552 Message exceeds fixed maximum message size ({MaxMessageSize} bytes)", ct);
                return;
            }

            MimeMessage message;
            try
            {
                content.Position = 0;
                message = await MimeMessage.LoadAsync(content, ct);
            }
            catch (FormatException e)
            {
                await ReplyAsync($"554 Message could not be parsed: {e.Message.ReplaceLineEndings(" ")}", ct);
                return;
            }
            sink.Accept(new ReceivedMail(from, to, message.Subject ?? "", message.TextBody ?? "", message.HtmlBody, message));
            await ReplyAsync("250 OK queued", ct);
        }

        private static bool IsTerminator(ReadOnlySpan<byte> line) =>
            line.SequenceEqual(".\r\n"u8) || line.SequenceEqual(".\n"u8);

        private void ResetTransaction()
        {
            _reversePath = null;
            _recipients.Clear();
        }

        /// <summary>
        /// Parses "FROM:&lt;path&gt; params" or "TO:&lt;path&gt; params" (keyword case-insensitive, optional
        /// spaces after the colon). The path may be quoted or carry an obsolete source route, which is dropped.
        /// </summary>
        private static bool TryParsePath(string argument, string keyword, out string path, out List<string> parameters)
        {
            path = "";
            parameters = [];
            if (!argument.StartsWith(keyword, StringComparison.OrdinalIgnoreCase))
                return false;
            var rest = argument[keyword.Length..].TrimStart();
            if (rest.Length == 0 || rest[0] != '<')
                return false;

            var inQuotes = false;
            var end = -1;
            for (var i = 1; i < rest.Length && end < 0; i++)
            {
                switch (rest[i])
                {
                    case '\\' when inQuotes:
                        i++;
                        break;
                    case '"':
                        inQuotes = !inQuotes;
                        break;
                    case '>' when !inQuotes:
                        end = i;
                        break;
                }
            }
            if (end < 0)
                return false;

            path = rest[1..end];
            if (path.StartsWith('@'))
            {
                var colon = path.IndexOf(':');
                if (colon < 0)
                    return false;
                path = path[(colon + 1)..];
            }
            var tail = rest[(end + 1)..];
            if (tail.Length > 0 && tail[0] != ' ')
                return false;
            parameters.AddRange(tail.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            return true;
        }

        private async Task ReplyAsync(string reply, CancellationToken ct)
        {
            var bytes = Encoding.UTF8.GetBytes(reply + "\r\n");
            await stream.WriteAsync(bytes, ct);
        }
    }

    private readonly record struct Line(ReadOnlyMemory<byte> Bytes, bool TooLong);

    /// <summary>
    /// Reads lines of bytes off the connection, keeping whatever a pipelining client sent beyond the current line.
    /// </summary>
    private sealed class LineReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[16 * 1024];
        private readonly MemoryStream _line = new();
        private int _start;
        private int _end;

        /// <summary>
        /// The next line including its LF (and CR, if any), valid until the next call; null once the stream ends.
        /// A line longer than <paramref name="maxLength"/> bytes is consumed up to its LF but not kept, and comes
        /// back empty with <see cref="Line.TooLong"/> set.
        /// </summary>
        public async Task<Line?> ReadLineAsync(int maxLength, CancellationToken ct)
        {
            _line.SetLength(0);
            var tooLong = false;
            while (true)
            {
                if (_start == _end)
                {
                    _start = 0;
                    _end = await stream.ReadAsync(_buffer, ct);
                    if (_end == 0)
                        return null; // end of stream; a partial line is dropped with the connection
                }
                var available = _buffer.AsSpan(_start, _end - _start);
                var lf = available.IndexOf((byte)'\n');
                var take = lf >= 0 ? lf + 1 : available.Length;
                if (!tooLong)
                {
                    if (_line.Length + take > maxLength)
                    {
                        tooLong = true;
                        _line.SetLength(0);
                    }
                    else
                    {
                        _line.Write(available[..take]);
                    }
                }
                _start += take;
                if (lf >= 0)
                    return new Line(new ReadOnlyMemory<byte>(_line.GetBuffer(), 0, (int)_line.Length), tooLong);
            }
        }
    }
}
