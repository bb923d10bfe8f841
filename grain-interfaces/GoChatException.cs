namespace GoChat.GrainInterfaces;

/// <summary>
/// A refusal that crosses the grain boundary intact: the gateway turns <see cref="Code"/> into a hub
/// error or problem details, so a client can tell "not a member" from "text too long".
/// </summary>
[GenerateSerializer, Alias("gochat.error")]
public sealed class GoChatException : Exception
{
    public GoChatException(string code, string message) : base(message) => Code = code;

    [Id(0)] public string Code { get; }

    public static GoChatException NotMember() => new(ErrorCodes.NotMember, "You are not a member of this conversation.");
    public static GoChatException NotFound() => new(ErrorCodes.ConversationNotFound, "No such conversation.");
    public static GoChatException Invalid(string message) => new(ErrorCodes.InvalidArgument, message);
}
