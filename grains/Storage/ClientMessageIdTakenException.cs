namespace GoChat.Grains.Storage;

/// <summary>
/// The entry's client message id was already stored by an earlier send that the conversation no longer
/// remembered. Its seq holds an empty, deleted <see cref="Placeholder"/> instead, so the log stays free of
/// gaps; the sender should get the earlier message's ack.
/// </summary>
public sealed class ClientMessageIdTakenException(ChatMessage placeholder)
    : Exception($"Client message id already stored in {placeholder.ConversationId}; seq {placeholder.Seq} holds a placeholder.")
{
    public ChatMessage Placeholder { get; } = placeholder;

    public static ChatMessage PlaceholderFor(ChatMessage entry) =>
        entry with { Kind = MessageKind.Text, Text = null, ClientMessageId = null, ReplyToSeq = null, TargetSeq = null, SubjectUserId = null, Deleted = true };
}
