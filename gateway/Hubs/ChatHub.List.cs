using GoChat.GrainInterfaces;

namespace GoChat.Gateway.Hubs;

/// <summary>How the caller keeps a chat in their list (issue 14): mute, pin, archive. Each is the caller's alone, on every device.</summary>
public sealed partial class ChatHub
{
    /// <summary>The durations a chat can be muted for, as the web client offers them.</summary>
    public static readonly IReadOnlyDictionary<string, TimeSpan?> MuteDurations = new Dictionary<string, TimeSpan?>
    {
        ["8h"] = TimeSpan.FromHours(8),
        ["1w"] = TimeSpan.FromDays(7),
        ["always"] = null,
    };

    /// <summary>Mutes the chat for "8h", "1w" or "always", or unmutes it ("off").</summary>
    [RetryOnFailover]
    public Task<ChatPreferences> MuteConversation(string conversationId, string duration)
    {
        var id = Ids.Parse(conversationId, "conversationId");
        DateTimeOffset? until = duration switch
        {
            "off" => null,
            _ when duration is not null && MuteDurations.TryGetValue(duration, out var span) => span is { } s ? time.GetUtcNow() + s : ChatPreferences.Forever,
            _ => throw GoChatException.Invalid($"Mute for one of {string.Join(", ", MuteDurations.Keys)}, or \"off\"."),
        };
        return MyConversations.Mute(id, until);
    }

    /// <summary>Pins the chat to the top of the list, or unpins it; TOO_MANY_PINS past <see cref="Limits.MaxPinnedChats"/>.</summary>
    [RetryOnFailover]
    public Task<ChatPreferences> PinConversation(string conversationId, bool pinned) =>
        MyConversations.Pin(Ids.Parse(conversationId, "conversationId"), pinned);

    /// <summary>Moves the chat into "Arkib" (until a new entry comes, unless muted), or back to the list.</summary>
    [RetryOnFailover]
    public Task<ChatPreferences> ArchiveConversation(string conversationId, bool archived) =>
        MyConversations.Archive(Ids.Parse(conversationId, "conversationId"), archived);
}
