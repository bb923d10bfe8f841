namespace GoChat.GrainInterfaces.Models;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<PresenceStatus>))]
public enum PresenceStatus
{
    Offline = 0,
    Online = 1,
    Away = 2,
}
