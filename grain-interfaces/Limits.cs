namespace GoChat.GrainInterfaces;

public static class Limits
{
    public const int MaxTextLength = 4096;
    public const int MaxClientMessageIdLength = 64;
    public const int MaxGroupNameLength = 100;
    public const int MaxGroupMembers = 10_000;
    public const int MaxMembersPerCall = 500;
    public const int MaxHistoryPage = 500;
    public const int MaxDisplayNameLength = 100;
}
