using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GoChat.GrainInterfaces.Models;

namespace GoChat.Bench.GoChatSide;

/// <summary>
/// A SignalR client of the JSON hub protocol over a WebSocket on a socket of its own, as lean as a connection can be,
/// so that one load generator holds tens of thousands of them (the .NET client keeps pipes, timers and a handshake
/// state per connection). It does what a real client does on the wire: the HTTP upgrade with the bearer header (as
/// the .NET client sends it), the handshake <c>{"protocol":"json","version":1}</c>, pings (<see cref="PingAll"/>),
/// invocations with their completions, and the pushed MessageReceived. Owning the socket lets a workload choose the
/// source address (one address pair has ~28k ephemeral ports), shrink the receive buffer, and stop reading
/// (<see cref="PauseReading"/>) as a client whose network or device cannot keep up.
/// </summary>
public sealed class LeanHubConnection : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1e;
    private static readonly byte[] Handshake = Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e");
    private static readonly byte[] Ping = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly SearchValues<byte> Separator = SearchValues.Create([RecordSeparator]);

    private readonly Socket _socket;
    private readonly WebSocket _ws;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly byte[] _buffer;
    private ArrayBufferWriter<byte>? _partial;
    private ConcurrentDictionary<string, TaskCompletionSource<JsonElement>>? _pending;
    private int _nextInvocation;
    private TaskCompletionSource? _resume;
    private readonly TaskCompletionSource<string?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LeanHubConnection(Socket socket, WebSocket ws, int bufferBytes)
    {
        _socket = socket;
        _ws = ws;
        _buffer = new byte[bufferBytes];
    }

    public int Index { get; private set; }

    /// <summary>Called on the receive loop for every pushed message; keep it short.</summary>
    public Action<LeanHubConnection, ChatMessage>? OnMessage { get; set; }

    /// <summary>Completes when the connection ends: with the server's close error, or null for a plain close.</summary>
    public Task<string?> Closed => _closed.Task;

    public bool IsOpen => !_closed.Task.IsCompleted;

    /// <param name="hub">http://host:port/hubs/chat</param>
    /// <param name="source">The loopback address to connect from (null: the system's choice).</param>
    /// <param name="receiveBufferBytes">SO_RCVBUF before connecting (0: the system's autotuned default).</param>
    /// <param name="maxSegment">TCP_MAXSEG before connecting, so the server sends in segments of a real network's size
    /// (0: loopback's ~64 KB). Linux sizes a socket's send buffer from its segment size, so on loopback a gateway
    /// would buffer megabytes for a client that stopped reading before it noticed.</param>
    public static async Task<LeanHubConnection> Connect(Uri hub, string? accessToken, IPAddress? source, int receiveBufferBytes,
        CancellationToken ct, int bufferBytes = 1024, int maxSegment = 0)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (receiveBufferBytes > 0) socket.ReceiveBufferSize = receiveBufferBytes;
            if (maxSegment > 0) socket.SetRawSocketOption(6 /* IPPROTO_TCP */, 2 /* TCP_MAXSEG */, BitConverter.GetBytes(maxSegment));
            if (source is not null)
            {
                // IP_BIND_ADDRESS_NO_PORT: the port is chosen at connect, per destination, instead of at bind from
                // one pool for every destination (which would cap the source address at ~28k again).
                socket.SetRawSocketOption(0, 24, BitConverter.GetBytes(1));
                socket.Bind(new IPEndPoint(source, 0));
            }
            await socket.ConnectAsync(hub.Host, hub.Port, ct);
            var stream = new NetworkStream(socket, ownsSocket: false);
            await Upgrade(stream, hub, accessToken, ct);
            var ws = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
            var connection = new LeanHubConnection(socket, ws, bufferBytes);
            await connection.SendRaw(Handshake, ct);
            var answer = await connection.ReceiveOne(ct);
            if (answer.Length != 2) throw new IOException($"hub handshake refused: {answer}");
            connection.StartReceiving();
            return connection;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The WebSocket upgrade request, by hand: ClientWebSocket would bring its own socket and buffers.</summary>
    private static async Task Upgrade(NetworkStream stream, Uri hub, string? accessToken, CancellationToken ct)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request = new StringBuilder()
            .Append("GET ").Append(hub.PathAndQuery).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(hub.Authority).Append("\r\n")
            .Append("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n")
            .Append("Sec-WebSocket-Key: ").Append(key).Append("\r\n");
        if (accessToken is not null) request.Append("Authorization: Bearer ").Append(accessToken).Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.Append("\r\n").ToString()), ct);
        // The server sends nothing after the 101 until the hub handshake arrives, so the head is all there is to read.
        var head = new byte[2048];
        var length = 0;
        while (true)
        {
            var n = await stream.ReadAsync(head.AsMemory(length), ct);
            if (n == 0) throw new IOException("connection closed during the WebSocket upgrade");
            length += n;
            if (head.AsSpan(0, length).EndsWith("\r\n\r\n"u8)) break;
            if (length == head.Length) throw new IOException("WebSocket upgrade answer too long");
        }
        var text = Encoding.ASCII.GetString(head, 0, length);
        if (!text.StartsWith("HTTP/1.1 101", StringComparison.Ordinal)) throw new IOException($"WebSocket upgrade refused: {text.Split('\r')[0]}");
    }

    /// <summary>Invokes a hub method and returns its result (JSON), or throws with the hub's error.</summary>
    public async Task<JsonElement> Invoke(string target, object?[] arguments, CancellationToken ct)
    {
        var id = Interlocked.Increment(ref _nextInvocation).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var pending = LazyInitializer.EnsureInitialized(ref _pending, () => new ConcurrentDictionary<string, TaskCompletionSource<JsonElement>>());
        var done = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = done;
        var frame = JsonSerializer.SerializeToUtf8Bytes(new { type = 1, invocationId = id, target, arguments }, Json);
        try
        {
            await SendRaw((byte[])[.. frame, RecordSeparator], ct);
            using var _ = ct.Register(() => done.TrySetCanceled(ct));
            return await done.Task;
        }
        finally
        {
            pending.TryRemove(id, out TaskCompletionSource<JsonElement>? _);
        }
    }

    /// <summary>What a client does after connecting: joins its conversations' live feeds, listed ones from their last seq.</summary>
    public Task<JsonElement> Sync(IReadOnlyDictionary<string, long>? lastSeqs, CancellationToken ct) =>
        Invoke("Sync", [lastSeqs is null ? null : new { lastSeqs }], ct);

    public Task SendPing(CancellationToken ct) => SendRaw(Ping, ct);

    /// <summary>
    /// Keeps every open connection inside the server's client timeout (30 s): a ping each, every interval, spread
    /// over the interval in slices as real clients' timers are (a burst of tens of thousands at once would be the
    /// load generator's artefact, queued in front of the measured messages).
    /// </summary>
    public static async Task PingAll(Func<IReadOnlyList<LeanHubConnection>> connections, TimeSpan interval, CancellationToken ct)
    {
        const int slices = 50;
        using var timer = new PeriodicTimer(interval / slices);
        try
        {
            for (var tick = 0L; await timer.WaitForNextTickAsync(ct); tick++)
            {
                var all = connections();
                for (var i = (int)(tick % slices); i < all.Count; i += slices)
                {
                    var c = all[i];
                    if (c is null || !c.IsOpen) continue;
                    _ = c.SendPing(ct).ContinueWith(static _ => { }, TaskScheduler.Default);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Stops reading the socket: the kernel buffers fill, then the server's sends to it block (a slow consumer).</summary>
    public void PauseReading() => Interlocked.CompareExchange(ref _resume, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), null);

    public void ResumeReading() => Interlocked.Exchange(ref _resume, null)?.TrySetResult();

    private async Task SendRaw(ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        await _sending.WaitAsync(ct);
        try
        {
            await _ws.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, ct);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>One whole WebSocket message as text (the handshake answer, before the receive loop starts).</summary>
    private async Task<string> ReceiveOne(CancellationToken ct)
    {
        var all = new ArrayBufferWriter<byte>();
        ValueWebSocketReceiveResult r;
        do
        {
            r = await _ws.ReceiveAsync(_buffer.AsMemory(), ct);
            if (r.MessageType == WebSocketMessageType.Close) throw new IOException("closed during the hub handshake");
            all.Write(_buffer.AsSpan(0, r.Count));
        }
        while (!r.EndOfMessage);
        return Encoding.UTF8.GetString(all.WrittenSpan).TrimEnd((char)RecordSeparator);
    }

    private void StartReceiving() => _ = Task.Run(ReceiveLoop);

    private async Task ReceiveLoop()
    {
        string? error = null;
        try
        {
            while (true)
            {
                if (Volatile.Read(ref _resume) is { } paused) await paused.Task;
                var r = await _ws.ReceiveAsync(_buffer.AsMemory(), CancellationToken.None);
                if (r.MessageType == WebSocketMessageType.Close) break;
                Received(_buffer.AsSpan(0, r.Count));
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
            error = e.Message;
        }
        finally
        {
            _closed.TrySetResult(error);
            foreach (var p in _pending?.Values ?? Enumerable.Empty<TaskCompletionSource<JsonElement>>()) p.TrySetException(new IOException("connection closed"));
        }
    }

    /// <summary>Splits received bytes into hub messages at the record separator; a message may span frames.</summary>
    private void Received(ReadOnlySpan<byte> bytes)
    {
        while (bytes.Length > 0)
        {
            var end = bytes.IndexOfAny(Separator);
            if (end < 0)
            {
                (_partial ??= new ArrayBufferWriter<byte>()).Write(bytes);
                return;
            }
            if (_partial is { WrittenCount: > 0 })
            {
                _partial.Write(bytes[..end]);
                Handle(_partial.WrittenSpan);
                _partial = null;
            }
            else
            {
                Handle(bytes[..end]);
            }
            bytes = bytes[(end + 1)..];
        }
    }

    private void Handle(ReadOnlySpan<byte> message)
    {
        using var doc = JsonDocument.Parse(message.ToArray());
        var root = doc.RootElement;
        switch (root.GetProperty("type").GetInt32())
        {
            case 1 when root.GetProperty("target").ValueEquals("MessageReceived") && OnMessage is { } onMessage:
                onMessage(this, root.GetProperty("arguments")[0].Deserialize<ChatMessage>(Json)!);
                break;
            case 3 when _pending is { } pending && root.TryGetProperty("invocationId", out var id) && pending.TryGetValue(id.GetString()!, out var done):
                if (root.TryGetProperty("error", out var error)) done.TrySetException(new IOException(error.GetString()));
                else done.TrySetResult(root.TryGetProperty("result", out var result) ? result.Clone() : default);
                break;
            case 7:
                _closed.TrySetResult(root.TryGetProperty("error", out var why) ? why.GetString() : null);
                break;
        }
    }

    /// <summary>Ends the connection without the close handshake (as a client that vanishes): the socket closes.</summary>
    public ValueTask DisposeAsync()
    {
        ResumeReading();
        _ws.Dispose();
        _socket.Dispose();
        _sending.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Opens connections, a bounded number at a time; connection i goes to hubs[i % hubs] from sources[i % sources].</summary>
    public static async Task<LeanHubConnection[]> ConnectAll(IReadOnlyList<Uri> hubs, IReadOnlyList<IPAddress?> sources, IReadOnlyList<BenchUser> users,
        int firstIndex, bool sync, CancellationToken ct, int parallel = 64, int receiveBufferBytes = 0, int maxSegment = 0)
    {
        var connections = new LeanHubConnection[users.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, users.Count), new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct }, async (i, token) =>
        {
            var index = firstIndex + i;
            for (var attempt = 1; ; attempt++)
            {
                LeanHubConnection? c = null;
                try
                {
                    c = await Connect(hubs[index % hubs.Count], users[i].AccessToken, sources[index % sources.Count], receiveBufferBytes, token, maxSegment: maxSegment);
                    c.Index = index;
                    if (sync) await c.Sync(null, token);
                    connections[i] = c;
                    return;
                }
                catch (Exception e) when (attempt < 3 && e is IOException or SocketException or WebSocketException)
                {
                    if (c is not null) await c.DisposeAsync();
                    await Task.Delay(200 * attempt, token);
                }
            }
        });
        return connections;
    }
}
