namespace GoChat.Gateway.Hubs;

/// <summary>What the server pushes to a connected client.</summary>
public interface IChatClient
{
    /// <summary>A log entry (message, edit, delete, membership change), exactly once per connection, in seq order per conversation.</summary>
    Task MessageReceived(ChatMessage message);
    /// <summary>
    /// A member's delivered and read cursors: in a direct chat both members' (read only as far as it is shared); in a
    /// group the user's own only, from another of their devices (reading on the phone clears unread on the desktop).
    /// </summary>
    Task ReceiptUpdated(Receipt receipt);
    /// <summary>In a group, to the sender only: how many received and read their recent messages whose counts changed.</summary>
    Task ReceiptCountsUpdated(ReceiptCounts counts);
    /// <summary>Someone is typing; only to connections that have that conversation open (<c>SetOpenConversation</c>).</summary>
    Task TypingChanged(TypingSignal typing);
    Task PresenceChanged(PresenceInfo presence);
    Task ConversationAdded(Guid conversationId);
    Task ConversationRemoved(Guid conversationId);
    Task SettingsChanged(UserSettings settings);
    /// <summary>The user changed their own card on another device.</summary>
    Task ProfileChanged(UserProfile profile);

    /// <summary>The user muted, pinned or archived a chat, or undid it, on this device or another.</summary>
    Task PreferencesChanged(ChatPreferences preferences);
    /// <summary>
    /// This gateway is shutting down: let the calls in flight finish, start no new ones here, close the connection
    /// and reconnect (another gateway answers), then Sync as after any reconnect. A client that ignores it is
    /// disconnected between two of its calls a little later.
    /// </summary>
    Task Draining();
}
