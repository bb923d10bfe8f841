namespace GoChat.Grains.Storage;

/// <summary>
/// The entry itself was not stored, but its seq was: it holds an empty, deleted <see cref="Placeholder"/>, so the
/// log has no gap and the conversation goes on. The conversation publishes the placeholder in the entry's place.
/// </summary>
public abstract class EntryReplacedException(ChatMessage placeholder, string message, Exception? inner = null) : Exception(message, inner)
{
    public ChatMessage Placeholder { get; } = placeholder;

    public static ChatMessage PlaceholderFor(ChatMessage entry) =>
        entry with { Kind = MessageKind.Text, Text = null, ClientMessageId = null, ReplyToSeq = null, TargetSeq = null, SubjectUserId = null, Deleted = true, Mentions = null, Attachments = null };
}
