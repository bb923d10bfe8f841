namespace GoChat.GrainInterfaces.Models;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ConversationKind>))]
public enum ConversationKind
{
    None = 0,
    Direct = 1,
    Group = 2,
    /// <summary>An official broadcast channel (issue 16): only its admins post, subscribers read and react.</summary>
    Channel = 3,
}
