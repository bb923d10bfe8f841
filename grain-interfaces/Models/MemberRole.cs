namespace GoChat.GrainInterfaces.Models;

public enum MemberRole
{
    Member = 0,
    Admin = 1,
    Owner = 2,
}
