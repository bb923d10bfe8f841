using GoChat.GrainInterfaces;

namespace GoChat.Gateway.Hubs;

/// <summary>A message search as a client sends it (hub or REST); see <see cref="MessageSearchQuery"/>.</summary>
/// <param name="Text">Required: a missing or blank one is EMPTY_TEXT.</param>
public sealed record MessageSearchInput(string? Text, string? ConversationId = null, string? Cursor = null, int Limit = SearchLimits.DefaultPage);
