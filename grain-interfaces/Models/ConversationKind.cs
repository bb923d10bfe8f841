namespace GoChat.GrainInterfaces.Models;

public enum ConversationKind
{
    None = 0,
    Direct = 1,
    Group = 2,
}
