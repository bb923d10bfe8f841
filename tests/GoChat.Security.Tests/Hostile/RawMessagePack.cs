using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using MessagePack;

namespace GoChat.Security.Tests.Hostile;

/// <summary>
/// A minimal SignalR MessagePack client over a raw WebSocket, to send what the .NET client never would: strings whose
/// UTF-8 bytes encode a lone surrogate (ED A0 80). The real client replaces such a character before it leaves.
/// </summary>
public static class RawMessagePack
{
    /// <summary>Stands for the string "ab" + a lone U+D800 + "cd", written as raw bytes.</summary>
    public static readonly object LoneSurrogate = new();

    private static readonly byte[] LoneSurrogateBytes = [(byte)'a', (byte)'b', 0xED, 0xA0, 0x80, (byte)'c', (byte)'d'];

    /// <summary>Invokes the method once; returns the error text of the completion (null when it succeeded), or throws if the connection closed.</summary>
    public static async Task<string?> Invoke(Uri gateway, string token, string method, object?[] args, TimeSpan timeout)
    {
        using var socket = new ClientWebSocket();
        using var cts = new CancellationTokenSource(timeout);
        var uri = new UriBuilder(gateway) { Scheme = "ws", Path = "/hubs/chat", Query = "access_token=" + Uri.EscapeDataString(token) }.Uri;
        await socket.ConnectAsync(uri, cts.Token);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"messagepack\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, cts.Token);
        var handshake = await Receive(socket, cts.Token);
        if (!Encoding.UTF8.GetString(handshake).StartsWith("{}", StringComparison.Ordinal)) throw new InvalidOperationException("Handshake refused: " + Encoding.UTF8.GetString(handshake));

        var body = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(body);
        writer.WriteArrayHeader(6);
        writer.Write(1); // Invocation
        writer.WriteMapHeader(0);
        writer.Write("1");
        writer.Write(method);
        writer.WriteArrayHeader(args.Length);
        foreach (var arg in args) Write(ref writer, arg);
        writer.WriteArrayHeader(0);
        writer.Flush();
        var frame = new List<byte>();
        var length = body.WrittenCount;
        do
        {
            var b = (byte)(length & 0x7f);
            length >>= 7;
            frame.Add(length > 0 ? (byte)(b | 0x80) : b);
        }
        while (length > 0);
        frame.AddRange(body.WrittenSpan.ToArray());
        await socket.SendAsync(frame.ToArray(), WebSocketMessageType.Binary, true, cts.Token);

        while (true)
        {
            var data = await Receive(socket, cts.Token);
            var offset = 0;
            while (offset < data.Length)
            {
                var (size, header) = ReadLength(data, offset);
                var message = new ReadOnlyMemory<byte>(data, offset + header, size);
                offset += header + size;
                var reader = new MessagePackReader(message);
                var count = reader.ReadArrayHeader();
                var type = reader.ReadInt32();
                if (type == 7) throw new WebSocketException("The server closed the connection: " + (count > 1 && !reader.TryReadNil() ? reader.ReadString() : ""));
                if (type != 3) continue;
                reader.Skip(); // headers
                if (reader.ReadString() != "1") continue;
                var kind = reader.ReadInt32();
                var result = kind == 1 ? reader.ReadString() : null;
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                return result;
            }
        }
    }

    private static void Write(ref MessagePackWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNil(); break;
            case var marker when ReferenceEquals(marker, LoneSurrogate):
                writer.WriteStringHeader(LoneSurrogateBytes.Length);
                writer.WriteRaw(LoneSurrogateBytes);
                break;
            case string s: writer.Write(s); break;
            case bool b: writer.Write(b); break;
            case int i: writer.Write(i); break;
            case long l: writer.Write(l); break;
            case Enum e: writer.Write(e.ToString()); break; // SignalR's MessagePack protocol reads enums by name
            case ArgMap record:
                writer.WriteMapHeader(record.Count);
                foreach (var (k, v) in record)
                {
                    writer.Write(k);
                    Write(ref writer, v);
                }
                break;
            case Dictionary<string, long> map:
                writer.WriteMapHeader(map.Count);
                foreach (var (k, v) in map)
                {
                    writer.Write(k);
                    writer.Write(v);
                }
                break;
            case System.Collections.IEnumerable items:
                var list = items.Cast<object?>().ToList();
                writer.WriteArrayHeader(list.Count);
                foreach (var item in list) Write(ref writer, item);
                break;
            default: throw new ArgumentException($"Cannot write {value.GetType()}.");
        }
    }

    private static (int Size, int Header) ReadLength(byte[] data, int offset)
    {
        int size = 0, shift = 0, i = 0;
        byte b;
        do
        {
            b = data[offset + i++];
            size |= (b & 0x7f) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        return (size, i);
    }

    private static async Task<byte[]> Receive(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(chunk, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close) throw new WebSocketException("The server closed the connection.");
            buffer.Write(chunk, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return buffer.ToArray();
    }
}
