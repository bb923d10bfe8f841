namespace GoChat.GrainInterfaces.Models;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<AccountStatus>))]
public enum AccountStatus
{
    None = 0,
    Active = 1,
    /// <summary>An external user waiting for an admin of the agency they asked to join.</summary>
    PendingApproval = 2,
    Suspended = 3,
    Rejected = 4,
}
