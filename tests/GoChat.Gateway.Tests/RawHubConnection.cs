using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using MessagePack;

namespace GoChat.Gateway.Tests;

/// <summary>
/// A hub connection that writes its frames byte by byte, for what a well-behaved client library refuses to
/// send. Only what the tests need: one invocation at a time, its completion read back.
/// </summary>
public sealed class RawHubConnection : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1e;
    private readonly ClientWebSocket _socket;
    private readonly bool _messagePack;
    private int _nextId;

    private RawHubConnection(ClientWebSocket socket, bool messagePack) => (_socket, _messagePack) = (socket, messagePack);

    public sealed record Completion(string? Error);

    /// <summary>The entries pushed to a JSON connection by <see cref="ReadUntil"/>, in the order they arrived.</summary>
    public List<(Guid ConversationId, long Seq)> Received { get; } = [];

    /// <summary>The invocations whose completion <see cref="ReadUntil"/> read.</summary>
    public HashSet<string> Completed { get; } = [];

    /// <param name="receiveBuffer">
    /// The socket's receive buffer in bytes, fixed (no autotuning): a client that stops reading then holds up the
    /// server after a little data rather than after megabytes. Null for the system's default.
    /// </param>
    public static async Task<RawHubConnection> OpenAsync(Uri gateway, string accessToken, bool messagePack, int? receiveBuffer = null)
    {
        var socket = new ClientWebSocket();
        var uri = new UriBuilder(new Uri(gateway, "/hubs/chat")) { Scheme = gateway.Scheme == "https" ? "wss" : "ws", Query = "access_token=" + Uri.EscapeDataString(accessToken) }.Uri;
        if (receiveBuffer is { } bytes)
        {
            using var invoker = new HttpMessageInvoker(new SocketsHttpHandler { ConnectCallback = (context, token) => Connect(context.DnsEndPoint, bytes, token) });
            await socket.ConnectAsync(uri, invoker, CancellationToken.None);
        }
        else await socket.ConnectAsync(uri, CancellationToken.None);
        var connection = new RawHubConnection(socket, messagePack);
        var handshake = Encoding.UTF8.GetBytes($$"""{"protocol":"{{(messagePack ? "messagepack" : "json")}}","version":1}""" + (char)RecordSeparator);
        await socket.SendAsync(handshake, WebSocketMessageType.Text, true, CancellationToken.None);
        var reply = await connection.ReceiveAsync();
        if (!Encoding.UTF8.GetString(reply).StartsWith("{}", StringComparison.Ordinal)) throw new InvalidOperationException("Handshake refused: " + Encoding.UTF8.GetString(reply));
        return connection;
    }

    private static async ValueTask<Stream> Connect(DnsEndPoint endPoint, int receiveBuffer, CancellationToken cancellationToken)
    {
        // Set before connecting, so that the window offered to the server is this small from the start.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = receiveBuffer, NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>SendMessage with text = <paramref name="before"/> + raw UTF-8 bytes + <paramref name="after"/>.</summary>
    public async Task<Completion> InvokeSendMessage(Guid conversationId, string clientMessageId, string before, byte[] rawMiddle, string after)
    {
        var id = (++_nextId).ToString();
        if (_messagePack) await SendMessagePack(id, conversationId, clientMessageId, [.. Encoding.UTF8.GetBytes(before), .. rawMiddle, .. Encoding.UTF8.GetBytes(after)]);
        else await SendJson(id, conversationId, clientMessageId, before, rawMiddle, after);
        while (true)
        {
            var frame = await ReceiveAsync();
            if ((_messagePack ? ReadMessagePackCompletion(frame, id) : ReadJsonCompletion(frame, id)) is { } completion) return completion;
        }
    }

    /// <summary>Sends an invocation over JSON and reads nothing: its completion is read later by <see cref="ReadUntil"/>, if ever.</summary>
    public async Task<string> SendInvocation(string target, params object?[] arguments)
    {
        var id = (++_nextId).ToString();
        var frame = JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments }) + (char)RecordSeparator;
        await _socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, true, CancellationToken.None);
        return id;
    }

    /// <summary>A ping: the server hears from a client that is not reading, so it does not time it out.</summary>
    public Task SendPing() =>
        _socket.SendAsync(Encoding.UTF8.GetBytes("""{"type":6}""" + (char)RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>
    /// Reads what a JSON connection is sent until the condition holds: true then, false if the server closed the
    /// connection first. Fails (times out) if the server neither sends nor closes.
    /// </summary>
    public async Task<bool> ReadUntil(Func<RawHubConnection, bool> condition)
    {
        while (!condition(this))
        {
            byte[] frame;
            try
            {
                frame = await ReceiveAsync();
            }
            catch (Exception ex) when (ex is WebSocketException or InvalidOperationException)
            {
                return false;
            }
            foreach (var part in Encoding.UTF8.GetString(frame).Split((char)RecordSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                using var doc = JsonDocument.Parse(part);
                var root = doc.RootElement;
                switch (root.GetProperty("type").GetInt32())
                {
                    case 1 when root.GetProperty("target").GetString() == "MessageReceived":
                        var entry = root.GetProperty("arguments")[0];
                        Received.Add((entry.GetProperty("conversationId").GetGuid(), entry.GetProperty("seq").GetInt64()));
                        break;
                    case 3:
                        Completed.Add(root.GetProperty("invocationId").GetString()!);
                        break;
                    case 7:
                        return false;
                }
            }
        }
        return true;
    }

    private Task SendJson(string id, Guid conversationId, string clientMessageId, string before, byte[] rawMiddle, string after)
    {
        // JSON carries no raw bytes: a three-byte sequence becomes the \\uXXXX escape of the one UTF-16 unit it
        // encodes (ED A0 80 is \\ud800, a high surrogate alone).
        var middle = rawMiddle is [var b0, var b1, var b2] ? $"\\u{((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F):x4}" : "";
        var text = JsonEncodedText.Encode(before).ToString() + middle + JsonEncodedText.Encode(after).ToString();
        var frame = $$"""{"type":1,"invocationId":"{{id}}","target":"SendMessage","arguments":[{"conversationId":"{{conversationId}}","clientMessageId":"{{clientMessageId}}","text":"{{text}}"}]}""" + (char)RecordSeparator;
        return _socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, true, CancellationToken.None);
    }

    private Task SendMessagePack(string id, Guid conversationId, string clientMessageId, byte[] text)
    {
        var body = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(body);
        writer.WriteArrayHeader(6);
        writer.Write(1); // invocation
        writer.WriteMapHeader(0); // headers
        writer.Write(id);
        writer.Write("SendMessage");
        writer.WriteArrayHeader(1);
        writer.WriteMapHeader(3);
        writer.Write("ConversationId");
        writer.Write(conversationId.ToString());
        writer.Write("ClientMessageId");
        writer.Write(clientMessageId);
        writer.Write("Text");
        writer.WriteStringHeader(text.Length);
        writer.WriteRaw(text);
        writer.WriteArrayHeader(0); // stream ids
        writer.Flush();
        // SignalR's framing: the payload's length as a 7-bit varint, then the payload.
        var frame = new List<byte>();
        for (var n = (uint)body.WrittenCount; ; n >>= 7)
        {
            frame.Add((byte)((n & 0x7F) | (n > 0x7F ? 0x80u : 0u)));
            if (n <= 0x7F) break;
        }
        frame.AddRange(body.WrittenSpan.ToArray());
        return _socket.SendAsync(frame.ToArray(), WebSocketMessageType.Binary, true, CancellationToken.None);
    }

    private static Completion? ReadJsonCompletion(byte[] frame, string id)
    {
        foreach (var part in Encoding.UTF8.GetString(frame).Split((char)RecordSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            using var doc = JsonDocument.Parse(part);
            var root = doc.RootElement;
            if (root.GetProperty("type").GetInt32() == 3 && root.GetProperty("invocationId").GetString() == id)
            {
                return new Completion(root.TryGetProperty("error", out var e) ? e.GetString() : null);
            }
            if (root.GetProperty("type").GetInt32() == 7) return new Completion("closed: " + (root.TryGetProperty("error", out var c) ? c.GetString() : ""));
        }
        return null;
    }

    private static Completion? ReadMessagePackCompletion(byte[] frame, string id)
    {
        var offset = 0;
        while (offset < frame.Length)
        {
            int length = 0, shift = 0;
            byte b;
            do { b = frame[offset++]; length |= (b & 0x7F) << shift; shift += 7; } while ((b & 0x80) != 0);
            var reader = new MessagePackReader(new ReadOnlyMemory<byte>(frame, offset, length));
            offset += length;
            var count = reader.ReadArrayHeader();
            var type = reader.ReadInt32();
            if (type == 7) return new Completion("closed");
            if (type != 3) continue;
            reader.Skip(); // headers
            var invocation = reader.ReadString();
            var kind = reader.ReadInt32(); // 1 error, 2 void, 3 result
            if (invocation != id) continue;
            return new Completion(kind == 1 ? reader.ReadString() : null);
        }
        return null;
    }

    private async Task<byte[]> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close) throw new InvalidOperationException("The server closed the connection.");
            message.Write(buffer, 0, result.Count);
        } while (!result.EndOfMessage);
        return message.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try { await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None); }
            catch (WebSocketException) { }
        }
        _socket.Dispose();
    }
}
