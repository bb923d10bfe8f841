namespace GoChat.Grains.Storage;

/// <summary>
/// The entry's client message id was already stored by an earlier send that the conversation no longer
/// remembered. Its seq holds a placeholder instead; the sender should get the earlier message's ack.
/// </summary>
public sealed class ClientMessageIdTakenException(ChatMessage placeholder)
    : EntryReplacedException(placeholder, $"Client message id already stored in {placeholder.ConversationId}; seq {placeholder.Seq} holds a placeholder.");
