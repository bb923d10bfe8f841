using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace GoChat.Gateway.Tests;

/// <summary>
/// A silo and a gateway whose connection outboxes hold only a few pushes, and whose sockets buffer little, so that
/// a client that stops reading is found out after a few hundred KB rather than megabytes.
/// </summary>
public sealed class SmallOutboxFixture : IAsyncLifetime
{
    public const int OutboxCapacity = 16;

    /// <summary>Set on the listening socket, which accepted sockets inherit it from (with autotuning off).</summary>
    private const int SocketSendBuffer = 16 * 1024;

    public GoChatStack Stack { get; private set; } = null!;

    public async Task InitializeAsync() => Stack = await GoChatStack.StartAsync("outbox", (builder, service) =>
    {
        if (service != GoChatStack.GatewayService) return;
        builder.Configuration["Delivery:OutboxCapacity"] = OutboxCapacity.ToString();
        builder.WebHost.UseSockets(o => o.CreateBoundListenSocket = endPoint =>
        {
            var socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endPoint);
            socket.SendBufferSize = SocketSendBuffer;
            return socket;
        });
    });

    public async Task DisposeAsync() => await Stack.DisposeAsync();
}
