namespace GoChat.GrainInterfaces;

/// <summary>Stable error codes that clients can switch on; the text beside them is for people.</summary>
public static class ErrorCodes
{
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string InvalidArgument = "INVALID_ARGUMENT";
    public const string TextTooLong = "TEXT_TOO_LONG";
    public const string EmptyText = "EMPTY_TEXT";
    public const string ConversationNotFound = "CONVERSATION_NOT_FOUND";
    public const string NotMember = "NOT_MEMBER";
    public const string Forbidden = "FORBIDDEN";
    public const string UserNotFound = "USER_NOT_FOUND";
    public const string MessageNotFound = "MESSAGE_NOT_FOUND";
    public const string AlreadyExists = "ALREADY_EXISTS";
    public const string Unavailable = "UNAVAILABLE";
}
