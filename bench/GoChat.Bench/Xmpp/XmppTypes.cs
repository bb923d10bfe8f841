namespace GoChat.Bench.Xmpp;

/// <summary>A message body as received, with its sender and type ("chat", "groupchat", ...).</summary>
public readonly record struct XmppMessage(string? From, string? Type, string Body);

public sealed class XmppException(string message) : Exception(message);

public sealed class XmppClientOptions
{
    public string Host { get; init; } = "127.0.0.1";
    public int Port { get; init; } = 5222;
    public string Domain { get; init; } = "bench.local";
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
