namespace GoChat.GrainInterfaces.Models;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<AgencyCategory>))]
public enum AgencyCategory
{
    None = 0,
    FederalAgency = 1,
    StatutoryBody = 2,
    /// <summary>State agency or state secretariat.</summary>
    StateAgency = 3,
    Glc = 4,
    Private = 5,
}

public static class AgencyCategoryExtensions
{
    /// <summary>Staff of government agencies register straight in; GLC and private staff come in as external users.</summary>
    public static bool IsGovernment(this AgencyCategory category) =>
        category is AgencyCategory.FederalAgency or AgencyCategory.StatutoryBody or AgencyCategory.StateAgency;
}
