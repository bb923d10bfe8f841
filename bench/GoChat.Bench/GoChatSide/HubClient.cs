using System.Net.Http.Json;
using GoChat.GrainInterfaces.Models;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GoChat.Bench.GoChatSide;

/// <summary>A user of the benchmark environment: a load user from the bulk route, or one signed in the ordinary way.</summary>
public sealed record BenchUser(Guid UserId, string Handle, string AccessToken);

/// <summary>One real SignalR connection over WebSocket: to a GoChat gateway, or to the bare relay ceiling.</summary>
public sealed class HubClient : IAsyncDisposable
{
    private HubClient(int index, BenchUser? user, HubConnection connection)
    {
        Index = index;
        User = user;
        Connection = connection;
    }

    public int Index { get; }
    public BenchUser? User { get; }
    public HubConnection Connection { get; }
    public Guid UserId => User?.UserId ?? Guid.Empty;

    /// <summary>Called on the connection's receive loop for every pushed message; keep it short.</summary>
    public Action<HubClient, ChatMessage>? OnMessage { get; set; }

    /// <summary>Receipt pushes (someone's delivered / read cursor) this connection received: the cost receipts add.</summary>
    public long ReceiptsReceived => Interlocked.Read(ref _receipts);

    /// <summary>Typing pushes this connection received.</summary>
    public long TypingReceived => Interlocked.Read(ref _typing);

    private long _receipts;
    private long _typing;

    public static HubClient Create(int index, Uri hub, BenchUser? user)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(hub, o =>
            {
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                if (user is not null) o.AccessTokenProvider = () => Task.FromResult<string?>(user.AccessToken);
            })
            .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Error))
            .Build();
        connection.ServerTimeout = TimeSpan.FromMinutes(2);
        connection.HandshakeTimeout = TimeSpan.FromSeconds(60);
        var client = new HubClient(index, user, connection);
        connection.On<ChatMessage>("MessageReceived", m => client.OnMessage?.Invoke(client, m));
        // Counted, not read: their shape is the receipts' business, their number is the benchmark's.
        connection.On<object>("ReceiptUpdated", _ => Interlocked.Increment(ref client._receipts));
        connection.On<object>("TypingChanged", _ => Interlocked.Increment(ref client._typing));
        return client;
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    /// <summary>The hub's SendMessage, acknowledged after the message is stored (GoChat) or numbered (relay).</summary>
    public Task<SendAck> Send(string conversationId, string clientMessageId, string text, CancellationToken ct = default) =>
        Connection.InvokeAsync<SendAck>("SendMessage", new SendInput(conversationId, clientMessageId, text), ct);

    /// <summary>What a client does after connecting: joins its conversations' live feeds; listed ones from their last seq.</summary>
    public Task Sync(Dictionary<string, long>? lastSeqs = null, CancellationToken ct = default) =>
        Connection.InvokeAsync<object>("Sync", lastSeqs is null ? null : new { lastSeqs }, ct);

    public static Task SyncAll(IEnumerable<HubClient> clients, CancellationToken ct) =>
        Parallel.ForEachAsync(clients, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (c, token) => await c.Sync(ct: token));

    /// <summary>
    /// Load users from the Benchmark environment's bulk route (POST /api/bench/users): their tokens mark them as
    /// load-test principals, exempt from the per-user and per-device rate limits that every other user meets.
    /// Handles are "{prefix}.{chunk}-{i}".
    /// </summary>
    public static async Task<BenchUser[]> Provision(Uri gateway, string prefix, int count, CancellationToken ct, int chunk = 1000)
    {
        using var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(120) };
        var users = new List<BenchUser>(count);
        for (var c = 0; users.Count < count; c++)
        {
            var response = await http.PostAsJsonAsync("/api/bench/users", new { prefix = $"{prefix}.{c}", count = Math.Min(chunk, count - users.Count) }, ct);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<SignInBody[]>(ct);
            users.AddRange(body!.Select(b => new BenchUser(b.UserId, b.Handle, b.AccessToken)));
        }
        return [.. users];
    }

    /// <summary>Signs ordinary users in through /api/dev/sign-in (rate limits apply to them), a bounded number at a time.</summary>
    public static async Task<BenchUser[]> SignIn(Uri gateway, string prefix, int count, CancellationToken ct, int parallel = 32)
    {
        using var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(60) };
        var users = new BenchUser[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct }, async (i, token) =>
        {
            var response = await http.PostAsJsonAsync("/api/dev/sign-in", new { handle = $"{prefix}-{i}" }, token);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<SignInBody>(token);
            users[i] = new BenchUser(body!.UserId, body.Handle, body.AccessToken);
        });
        return users;
    }

    /// <summary>Opens one connection per user; user i goes to gateway i mod the number of gateways.</summary>
    public static async Task<HubClient[]> ConnectAll(IReadOnlyList<Uri> hubs, IReadOnlyList<BenchUser?> users, CancellationToken ct, int parallel = 32)
    {
        var clients = new HubClient[users.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, users.Count), new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct }, async (i, token) =>
        {
            var client = Create(i, hubs[i % hubs.Count], users[i]);
            await client.Connection.StartAsync(token);
            clients[i] = client;
        });
        return clients;
    }

    public static async Task DisposeAll(IEnumerable<HubClient> clients) =>
        await Parallel.ForEachAsync(clients.Where(c => c is not null), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (c, _) => await c.DisposeAsync());

    private sealed record SendInput(string ConversationId, string ClientMessageId, string Text);

    private sealed record SignInBody(Guid UserId, string Handle, string AccessToken);
}
