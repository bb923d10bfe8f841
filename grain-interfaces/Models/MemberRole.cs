namespace GoChat.GrainInterfaces.Models;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<MemberRole>))]
public enum MemberRole
{
    Member = 0,
    Admin = 1,
    Owner = 2,
}
