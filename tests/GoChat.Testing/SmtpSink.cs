using System.Buffers;
using System.Net;
using System.Text.RegularExpressions;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

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
/// A real SMTP server on a free loopback port, for tests that need to read what GoChat really sent. The protocol
/// is the SmtpServer library's (plain text here, as the tests configure the silo with Smtp:Security=None); this
/// class only keeps every message it accepted and lets a test wait for the message to one address.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    /// <summary>The largest message accepted, in bytes; larger ones are refused.</summary>
    public const int MaxMessageSize = 1024 * 1024;

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);
    private static readonly Regex CodePattern = new(@"\b\d{6}\b", RegexOptions.CultureInvariant);

    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;
    private readonly CancellationTokenSource _stopping;
    private readonly Lock _gate = new();
    private readonly List<ReceivedMail> _messages = [];
    private TaskCompletionSource _arrival = NewSignal();
    private int _disposed;

    private SmtpSink(SmtpServer.SmtpServer server, Task running, CancellationTokenSource stopping, int port)
    {
        _server = server;
        _running = running;
        _stopping = stopping;
        Port = port;
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

    /// <summary>Starts listening on 127.0.0.1 on a port the OS chooses; returns once the port is bound.</summary>
    public static async Task<SmtpSink> StartAsync()
    {
        var store = new Store();
        var listeners = new EndpointListenerFactory();
        var bound = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        listeners.EndpointStarted += (_, e) => bound.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);

        var options = new SmtpServerOptionsBuilder()
            .ServerName("gochat-test-sink")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, 0)))
            .MaxMessageSize(MaxMessageSize, MaxMessageSizeHandling.Strict)
            .Build();
        var services = new ServiceProvider();
        services.Add(store);
        services.Add(listeners);
        var server = new SmtpServer.SmtpServer(options, services);

        var stopping = new CancellationTokenSource();
        var running = server.StartAsync(stopping.Token);
        int port;
        try
        {
            // The server ends early only if it could not listen: then its error is the one to report.
            var first = await Task.WhenAny(bound.Task, running).WaitAsync(TimeSpan.FromSeconds(30));
            if (first != bound.Task)
            {
                await running;
                throw new InvalidOperationException("The SMTP sink stopped before it listened.");
            }
            port = await bound.Task;
        }
        catch
        {
            await stopping.CancelAsync();
            stopping.Dispose();
            throw;
        }
        var sink = new SmtpSink(server, running, stopping, port);
        store.Sink = sink;
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
        // Shutdown stops accepting and lets open sessions finish; a session that does not (a client that never
        // quits) is cancelled after the grace.
        _server.Shutdown();
        try
        {
            await _server.ShutdownTask.WaitAsync(ShutdownGrace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }
        try
        {
            await _running.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Cancelled above.
        }
        _stopping.Dispose();

        // Wake the waiters so they notice the disposal instead of sitting out their timeouts.
        lock (_gate) _arrival.TrySetResult();
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

    private static string AddressOf(IMailbox? mailbox) =>
        mailbox is null || (string.IsNullOrEmpty(mailbox.User) && string.IsNullOrEmpty(mailbox.Host)) ? "" : mailbox.AsAddress();

    /// <summary>Where the library hands over each message once the client has sent its final dot.</summary>
    private sealed class Store : MessageStore
    {
        public SmtpSink? Sink { get; set; }

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            // The port is known only once the listener is bound, so the sink is attached after that; no client can
            // have sent a whole message before the port was handed out.
            var sink = Sink ?? throw new InvalidOperationException("A message arrived before the sink was attached.");
            using var stream = new MemoryStream(buffer.ToArray(), writable: false);
            var message = await MimeMessage.LoadAsync(stream, cancellationToken).ConfigureAwait(false);
            sink.Accept(new ReceivedMail(
                AddressOf(transaction.From),
                transaction.To.Select(AddressOf).ToArray(),
                message.Subject ?? "",
                message.TextBody ?? "",
                message.HtmlBody,
                message));
            return SmtpResponse.Ok;
        }
    }
}
