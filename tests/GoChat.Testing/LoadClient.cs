using GoChat.GrainInterfaces.Models;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace GoChat.Testing;

/// <summary>
/// A device as a real messenger client behaves: one SignalR connection (WebSocket) to a gateway; when it drops it
/// connects to the other gateway and calls Sync with the last seq it holds per conversation; a send that got no
/// ack is sent again with the same client message id. Everything it receives goes to the <see cref="Checker"/>.
/// </summary>
public sealed class LoadClient : IAsyncDisposable
{
    private readonly FaultCluster _cluster;
    private readonly Checker _checker;
    private readonly ConcurrentDictionary<Guid, long> _lastSeq = new();
    private readonly ConcurrentQueue<Guid> _added = new();
    private readonly SemaphoreSlim _connected = new(0);
    private volatile HubConnection? _connection;
    private volatile bool _disposed;
    private int _gateway;
    private int _inFlight;
    private int _moving;

    public LoadClient(FaultCluster cluster, DevSession session, int gateway, Checker checker)
    {
        _cluster = cluster;
        Session = session;
        _gateway = gateway;
        _checker = checker;
    }

    public DevSession Session { get; }
    public Guid UserId => Session.UserId;
    public int Gateway => _gateway;
    public int Reconnects { get; private set; }
    public IReadOnlyCollection<Guid> ConversationsAdded => [.. _added];
    public HubConnection Connection => _connection ?? throw new InvalidOperationException("Not connected.");

    public Task StartAsync() => Connect(_gateway, initial: true);

    /// <summary>The client holds the conversation up to this seq (it just created it, or read it so far).</summary>
    public void Holds(Guid conversationId, long seq) => _lastSeq.AddOrUpdate(conversationId, seq, (_, held) => Math.Max(held, seq));

    /// <summary>Sync again on the open connection, with the last seqs held.</summary>
    public Task Resync() => Connection.InvokeAsync<object>("Sync", new { LastSeqs = LastSeqs() });

    private Dictionary<string, long> LastSeqs() => _lastSeq.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value);

    /// <summary>Sends until acked, the same client message id each time; hub errors and cut invocations are recorded.</summary>
    public async Task<SendAck> SendUntilAcked(Guid conversationId, string clientMessageId, DateTime deadline)
    {
        while (true)
        {
            var connection = await Connected(deadline);
            Interlocked.Increment(ref _inFlight);
            try
            {
                if (!ReferenceEquals(connection, _connection)) continue; // moving: wait for the next connection
                return await connection.InvokeAsync<SendAck>("SendMessage", new
                {
                    ConversationId = conversationId.ToString(),
                    ClientMessageId = clientMessageId,
                    Text = "load " + clientMessageId,
                });
            }
            catch (HubException ex)
            {
                _checker.HubError(Session.Handle, ex.Message);
            }
            catch (Exception ex) when (ex is not TimeoutException)
            {
                // The connection closed under the invocation: the ack may be lost, so the resend below asks again.
                _checker.Interrupted(Session.Handle, ex.GetType().Name + ": " + ex.Message);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Session.Handle}: {clientMessageId} not acked in time.");
            await Task.Delay(100);
        }
    }

    private async Task<HubConnection> Connected(DateTime deadline)
    {
        while (true)
        {
            var c = _connection;
            if (c is { State: HubConnectionState.Connected }) return c;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Session.Handle}: not connected in time.");
            await _connected.WaitAsync(TimeSpan.FromMilliseconds(200));
        }
    }

    private async Task Connect(int gateway, bool initial)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(_cluster.GatewayUri(gateway), "/hubs/chat"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(Session.AccessToken);
            })
            .Build();
        connection.On<ChatMessage>("MessageReceived", OnMessage);
        connection.On<Guid>("ConversationAdded", id => _added.Enqueue(id));
        connection.On("Draining", () => { _ = Move(connection); });
        connection.Closed += error =>
        {
            if (!_disposed && ReferenceEquals(connection, _connection)) _ = Reconnect();
            return Task.CompletedTask;
        };
        try
        {
            await connection.StartAsync();
            // Exactly what was missed since the last seq held, then live entries; new conversations from now on.
            await connection.InvokeAsync<object>("Sync", new { LastSeqs = LastSeqs() });
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        _gateway = gateway;
        _connection = connection;
        if (!initial) Reconnects++;
        _connected.Release();
    }

    private async Task Reconnect()
    {
        var gateway = _gateway;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!_disposed && DateTime.UtcNow < deadline)
        {
            gateway = (gateway + 1) % FaultCluster.GatewayCount; // the other gateway first
            try
            {
                await Connect(gateway, initial: false);
                _checker.Reconnected(Session.Handle, gateway);
                return;
            }
            catch (Exception)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>The gateway is leaving: no new calls on this connection, let the one in flight finish, then go to the other gateway.</summary>
    private async Task Move(HubConnection from)
    {
        if (!ReferenceEquals(from, _connection) || Interlocked.Exchange(ref _moving, 1) == 1) return;
        _connection = null;
        while (Volatile.Read(ref _inFlight) > 0) await Task.Delay(5);
        await from.DisposeAsync();
        await Reconnect();
        Interlocked.Exchange(ref _moving, 0);
    }

    private void OnMessage(ChatMessage m)
    {
        _lastSeq.AddOrUpdate(m.ConversationId, m.Seq, (_, held) => Math.Max(held, m.Seq));
        _checker.Delivered(UserId, m);
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_connection is { } c) await c.DisposeAsync();
    }
}
