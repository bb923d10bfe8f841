using GoChat.Gateway.Hubs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace GoChat.Gateway.Delivery;

/// <summary>
/// The <see cref="IChatClient"/> callbacks as messages built once and posted to each recipient's <see cref="Outbox"/>:
/// SignalR serializes a <see cref="SerializedHubMessage"/> once per protocol however many connections it goes to.
/// </summary>
public static class ClientPush
{
    public static SerializedHubMessage MessageReceived(ChatMessage message) => Of(nameof(IChatClient.MessageReceived), message);
    public static SerializedHubMessage ReceiptUpdated(Receipt receipt) => Of(nameof(IChatClient.ReceiptUpdated), receipt);
    public static SerializedHubMessage ReceiptCountsUpdated(ReceiptCounts counts) => Of(nameof(IChatClient.ReceiptCountsUpdated), counts);
    public static SerializedHubMessage TypingChanged(TypingSignal typing) => Of(nameof(IChatClient.TypingChanged), typing);
    public static SerializedHubMessage PresenceChanged(PresenceInfo presence) => Of(nameof(IChatClient.PresenceChanged), presence);
    public static SerializedHubMessage ConversationAdded(Guid conversationId) => Of(nameof(IChatClient.ConversationAdded), conversationId);
    public static SerializedHubMessage ConversationRemoved(Guid conversationId) => Of(nameof(IChatClient.ConversationRemoved), conversationId);
    public static SerializedHubMessage SettingsChanged(UserSettings settings) => Of(nameof(IChatClient.SettingsChanged), settings);
    public static SerializedHubMessage ProfileChanged(UserProfile profile) => Of(nameof(IChatClient.ProfileChanged), profile);
    public static SerializedHubMessage PreferencesChanged(ChatPreferences preferences) => Of(nameof(IChatClient.PreferencesChanged), preferences);

    /// <summary>Posts one push to each connection; those that cannot keep up are closed by their outbox.</summary>
    public static void To(IEnumerable<ClientConnection> connections, SerializedHubMessage push)
    {
        foreach (var c in connections) c.Outbox.TryPost(push);
    }

    // What a typed hub proxy sends: a non-blocking invocation (no id, no answer expected).
    private static SerializedHubMessage Of(string method, object argument) => new(new InvocationMessage(method, [argument]));
}
