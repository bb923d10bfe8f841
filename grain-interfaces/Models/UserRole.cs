namespace GoChat.GrainInterfaces.Models;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<UserRole>))]
public enum UserRole
{
    User = 0,
    /// <summary>Manages the people and domains of their own agency only.</summary>
    AgencyAdmin = 1,
    PlatformAdmin = 2,
}
