namespace GoChat.Grains.Storage;

/// <summary>
/// PostgreSQL refused the entry's own data (SQLSTATE class 22: a NUL in text, say), or its text could not even be
/// encoded for the wire. That is the sender's mistake, not a database fault: the seq holds a placeholder and the
/// conversation goes on, where a lost connection would make it start over from the log.
/// </summary>
public sealed class InvalidEntryException(ChatMessage placeholder, Exception inner)
    : EntryReplacedException(placeholder, $"The database refused the data of {placeholder.ConversationId} seq {placeholder.Seq}; its seq holds a placeholder.", inner);
