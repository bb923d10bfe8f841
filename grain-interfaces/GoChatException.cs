namespace GoChat.GrainInterfaces;

/// <summary>
/// A refusal that crosses the grain boundary intact: the gateway turns <see cref="Code"/> into a hub
/// error or problem details, so a client can tell "no such conversation" from "text too long".
/// </summary>
[GenerateSerializer, Alias("gochat.error")]
public sealed class GoChatException : Exception
{
    public GoChatException(string code, string message) : base(message) => Code = code;

    [Id(0)] public string Code { get; }

    /// <summary>
    /// Also the answer to a non-member of a conversation that exists: direct conversation ids derive from the two
    /// user ids, so any other answer would tell an outsider who talks to whom.
    /// </summary>
    public static GoChatException NotFound() => new(ErrorCodes.ConversationNotFound, "No such conversation.");
    public static GoChatException Invalid(string message) => new(ErrorCodes.InvalidArgument, message);

    /// <summary>A picture past <see cref="Limits.MaxPhotoBytes"/>: said by the gateway as it reads the body, and by the grain.</summary>
    public static GoChatException PictureTooLarge(string what) => new(ErrorCodes.PhotoTooLarge, $"{what} is at most {Limits.MaxPhotoBytes / 1024} KB.");
}
