using Microsoft.AspNetCore.SignalR;

namespace GoChat.Gateway.Hubs;

/// <summary>
/// SignalR's own lifetime manager, which also hands each connection's <see cref="HubConnectionContext"/> to the hub
/// (<see cref="Of"/>): the gateway writes to a connection through it directly. Sending through the hub context by
/// a list of ids walks every connection of the hub per send (dotnet/aspnetcore#60092), and sending by one id
/// serializes the message again for each recipient.
/// </summary>
public sealed class ChatHubLifetimeManager(ILogger<DefaultHubLifetimeManager<ChatHub>> logger) : DefaultHubLifetimeManager<ChatHub>(logger)
{
    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        // Runs before the hub's OnConnectedAsync; the connection's features are what its HubCallerContext shows.
        connection.Features.Set(connection);
        return base.OnConnectedAsync(connection);
    }

    /// <summary>The connection of a hub call (set before the hub's OnConnectedAsync runs).</summary>
    public static HubConnectionContext Of(HubCallerContext context) =>
        context.Features.Get<HubConnectionContext>() ?? throw new InvalidOperationException($"{nameof(ChatHubLifetimeManager)} is not the hub's lifetime manager.");
}
