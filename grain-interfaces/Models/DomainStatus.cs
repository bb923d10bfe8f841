namespace GoChat.GrainInterfaces.Models;

/// <summary>Where an agency's email domain stands. Only an active domain decides which agency a new sign-up joins.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<DomainStatus>))]
public enum DomainStatus
{
    None = 0,
    /// <summary>Inside another agency's domain: that agency's admins (or a platform admin on its behalf) must consent first.</summary>
    PendingConsent = 1,
    /// <summary>Waiting for a platform admin's approval.</summary>
    PendingApproval = 2,
    Active = 3,
}
