namespace GoChat.Grains.Storage;

/// <summary>An append that did not become durable. The conversation that sent it must start again from the log.</summary>
public sealed class MessageLogException(string message, Exception? inner = null) : Exception(message, inner);
