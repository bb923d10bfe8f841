namespace GoChat.GrainInterfaces.Models;

/// <summary>What a recipient did with a protected broadcast that the audit log records.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<BroadcastHandling>))]
public enum BroadcastHandling
{
    Copied = 0,
    Downloaded = 1,
}
