namespace GoChat.GrainInterfaces;

/// <summary>
/// The stream provider and namespaces that grains publish on and gateways subscribe to. Conversations do
/// not use a stream: their events go straight to subscribed gateways (<see cref="IConversationObserver"/>).
/// </summary>
public static class StreamNames
{
    public const string Provider = "chat";
    /// <summary>One stream per user, keyed by user id: membership changes and settings, for all of the user's devices.</summary>
    public const string User = "user";
    /// <summary>One stream per user, keyed by user id: that user's presence, for whoever watches it.</summary>
    public const string Presence = "presence";
}
