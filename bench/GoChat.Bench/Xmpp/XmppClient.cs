using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using GoChat.Bench.Measure;

namespace GoChat.Bench.Xmpp;

// Why hand-written: no maintained .NET XMPP client library restores from this machine's NuGet feed
// (XmppDotNet, Matrix.vNext and Sharp.Xmpp all answer "no versions available"), and the ones that exist
// bring their own pipelines, stanza object models and event dispatch, i.e. client-side CPU and latency that
// would be charged to ejabberd. This client does only what the benchmark needs: plain TCP (no TLS, as the
// GoChat side runs without TLS too), SASL PLAIN, bind, presence, chat and groupchat messages, MUC join. It
// reads with System.Xml's XmlReader over the NetworkStream (async, fragment conformance: the stream root never
// closes until the end), never reading past the end of a top-level element, so nothing is buffered across the
// SASL stream restart. Received messages are parsed without building a tree and handed to a callback on the
// connection's read loop; control stanzas (iq, features, errors) become small XElements.


public sealed partial class XmppClient : IAsyncDisposable
{
    private readonly XmppClientOptions _options;
    private readonly Action<XmppMessage>? _onMessage;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<XElement>> _iqs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<bool>> _joins = new(StringComparer.Ordinal);
    private readonly StanzaScratch _scratch = new();
    private Socket? _socket;
    private NetworkStream? _stream;
    private XmlReader? _reader;
    private Task? _readLoop;
    private int _iqCounter;
    private long _stanzas;
    private long _messageErrors;
    private volatile bool _closing;
    private volatile bool _closed;

    /// <param name="onMessage">Called on the read loop for every received message with a body; keep it short.</param>
    public XmppClient(XmppClientOptions options, Action<XmppMessage>? onMessage = null)
    {
        _options = options;
        _onMessage = onMessage;
    }

    /// <summary>The bound full JID (user@domain/resource) once connected.</summary>
    public string? Jid { get; private set; }

    public string? User { get; private set; }

    public long StanzasReceived => Interlocked.Read(ref _stanzas);

    /// <summary>Message stanzas of type error received (a bounced message counts here, not as delivered).</summary>
    public long MessageErrors => Interlocked.Read(ref _messageErrors);

    /// <summary>Why the connection ended, if it ended other than by <see cref="CloseAsync"/>.</summary>
    public Exception? Error { get; private set; }

    public bool IsConnected => _readLoop is not null && !_closed;

    /// <summary>TCP connect, stream, SASL PLAIN, stream restart, bind, session if required, initial presence.</summary>
    public async Task ConnectAsync(string user, string password, string resource, CancellationToken ct)
    {
        User = user;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.ConnectTimeout);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _socket = socket;
        // XmlReader's async reads take no token: closing the socket is what ends a read that waits forever.
        await using var abort = timeout.Token.Register(static s => ((Socket)s!).Dispose(), socket);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Parse(_options.Host), _options.Port), timeout.Token)
                .ConfigureAwait(false);
            _stream = new NetworkStream(socket, ownsSocket: true);

            var features = await OpenStreamAsync().ConfigureAwait(false);
            bool plain = features.Element(XName.Get("mechanisms", XmppNs.Sasl))?.Elements(XName.Get("mechanism", XmppNs.Sasl))
                .Any(m => m.Value == "PLAIN") ?? false;
            if (!plain)
            {
                throw new XmppException($"server offers no SASL PLAIN: {features}");
            }
            string token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{user}\0{password}"));
            await SendRawAsync($"<auth xmlns='{XmppNs.Sasl}' mechanism='PLAIN'>{token}</auth>").ConfigureAwait(false);
            var outcome = await StanzaReader.ReadTopElementAsync(_reader!).ConfigureAwait(false);
            if (outcome.Name != XName.Get("success", XmppNs.Sasl))
            {
                throw new XmppException($"SASL PLAIN failed for {user}: {outcome}");
            }

            // Stream restart (RFC 6120 6.4.6): a new header, and a new reader since the server's stream is new too.
            features = await OpenStreamAsync().ConfigureAwait(false);
            if (features.Element(XName.Get("bind", XmppNs.Bind)) is null)
            {
                throw new XmppException($"server offers no resource binding: {features}");
            }
            await SendRawAsync(
                $"<iq type='set' id='bind1'><bind xmlns='{XmppNs.Bind}'><resource>{Escape(resource)}</resource></bind></iq>")
                .ConfigureAwait(false);
            var bound = await ReadIqResultAsync("bind1").ConfigureAwait(false);
            Jid = bound.Descendants(XName.Get("jid", XmppNs.Bind)).FirstOrDefault()?.Value
                ?? throw new XmppException($"bind result without jid: {bound}");

            // RFC 3921 session: only when the server still requires it (ejabberd marks it optional).
            var session = features.Element(XName.Get("session", XmppNs.Session));
            if (session is not null && session.Element(XName.Get("optional", XmppNs.Session)) is null)
            {
                await SendRawAsync($"<iq type='set' id='sess1'><session xmlns='{XmppNs.Session}'/></iq>").ConfigureAwait(false);
                await ReadIqResultAsync("sess1").ConfigureAwait(false);
            }

            await SendRawAsync("<presence/>").ConfigureAwait(false);
            _readLoop = Task.Run(ReadLoopAsync, CancellationToken.None);
        }
        catch (Exception e)
        {
            socket.Dispose();
            ct.ThrowIfCancellationRequested();
            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"login of {user} took over {_options.ConnectTimeout.TotalSeconds:F0} s", e);
            }
            throw;
        }
    }

    /// <summary>Sends a message whose body is a caller-made string.</summary>
    public Task SendMessageAsync(string to, string type, string body) =>
        SendRawAsync($"<message to='{Escape(to)}' type='{type}'><body>{Escape(body)}</body></message>");

    /// <summary>
    /// Sends a message whose body is <paramref name="bodyPrefix"/> followed by the <see cref="Clock"/> timestamp
    /// taken after the connection's write lock is held, right before the bytes go to the socket: the send time
    /// that latency is measured from. Returns that timestamp. <paramref name="to"/> and the prefix
    /// must need no XML escaping (bench JIDs and digits).
    /// </summary>
    public async Task<long> SendStampedMessageAsync(string to, string type, string bodyPrefix)
    {
        var stream = _stream ?? throw new InvalidOperationException("not connected");
        await _writeLock.WaitAsync().ConfigureAwait(false);
        byte[]? buffer = null;
        try
        {
            long now = Clock.Now;
            string xml = $"<message to='{to}' type='{type}'><body>{bodyPrefix}{now}</body></message>";
            buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(xml.Length));
            int n = Encoding.UTF8.GetBytes(xml, buffer);
            await stream.WriteAsync(buffer.AsMemory(0, n)).ConfigureAwait(false);
            return now;
        }
        finally
        {
            _writeLock.Release();
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>
    /// Joins a MUC room (XEP-0045): presence to room/nick asking for no history, then waits for the self-presence
    /// (status 110). If this join created the room (status 201, locked), accepts the default configuration so
    /// others can enter (instant room). Returns whether the room was created by this join.
    /// </summary>
    public async Task<bool> JoinRoomAsync(string roomJid, string nick, TimeSpan timeout, CancellationToken ct)
    {
        var joined = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_joins.TryAdd(roomJid, joined))
        {
            throw new InvalidOperationException($"already joining {roomJid}");
        }
        try
        {
            await SendRawAsync(
                $"<presence to='{Escape(roomJid)}/{Escape(nick)}'><x xmlns='{XmppNs.Muc}'><history maxstanzas='0'/></x></presence>")
                .ConfigureAwait(false);
            bool created = await joined.Task.WaitAsync(timeout, ct).ConfigureAwait(false);
            if (created)
            {
                await IqAsync("set", roomJid, $"<query xmlns='{XmppNs.MucOwner}'><x xmlns='jabber:x:data' type='submit'/></query>",
                    timeout, ct).ConfigureAwait(false);
            }
            return created;
        }
        finally
        {
            _joins.TryRemove(roomJid, out _);
        }
    }

    public Task SendGroupMessageAsync(string roomJid, string body) => SendMessageAsync(roomJid, "groupchat", body);

    /// <summary>Sends an iq and waits for its result; an error result throws.</summary>
    public async Task<XElement> IqAsync(string type, string? to, string innerXml, TimeSpan timeout, CancellationToken ct)
    {
        string id = "q" + Interlocked.Increment(ref _iqCounter).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var tcs = new TaskCompletionSource<XElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _iqs[id] = tcs;
        try
        {
            string toAttr = to is null ? "" : $" to='{Escape(to)}'";
            await SendRawAsync($"<iq type='{type}' id='{id}'{toAttr}>{innerXml}</iq>").ConfigureAwait(false);
            var result = await tcs.Task.WaitAsync(timeout, ct).ConfigureAwait(false);
            if ((string?)result.Attribute("type") == "error")
            {
                throw new XmppException($"iq {type} to {to} failed: {result}");
            }
            return result;
        }
        finally
        {
            _iqs.TryRemove(id, out _);
        }
    }

    /// <summary>Closes the stream cleanly: &lt;/stream:stream&gt;, waits (bounded) for the server's close.</summary>
    public async Task CloseAsync(TimeSpan timeout)
    {
        if (_closing)
        {
            return;
        }
        _closing = true;
        try
        {
            if (_stream is not null && !_closed)
            {
                await SendRawAsync("</stream:stream>").WaitAsync(timeout).ConfigureAwait(false);
                if (_readLoop is not null)
                {
                    await _readLoop.WaitAsync(timeout).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or TimeoutException
                                      or InvalidOperationException)
        {
            // closing anyway
        }
        finally
        {
            _socket?.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        _writeLock.Dispose();
    }

    // ---- writing ----

    private async Task SendRawAsync(string xml)
    {
        var stream = _stream ?? throw new InvalidOperationException("not connected");
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(xml.Length));
        try
        {
            int n = Encoding.UTF8.GetBytes(xml, buffer);
            await _writeLock.WaitAsync().ConfigureAwait(false);
            try
            {
                await stream.WriteAsync(buffer.AsMemory(0, n)).ConfigureAwait(false);
            }
            finally
            {
                _writeLock.Release();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static string Escape(string s)
    {
        if (s.AsSpan().IndexOfAny("&<>'\"") < 0)
        {
            return s;
        }
        var sb = new StringBuilder(s.Length + 16);
        foreach (char c in s)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '\'' => "&apos;",
                '"' => "&quot;",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }
}
