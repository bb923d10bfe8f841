namespace GoChat.Grains.Agencies;

[GenerateSerializer, Alias("gochat.AgencyState")]
public sealed class AgencyState
{
    [Id(0)] public string? Name { get; set; }
    [Id(1)] public AgencyCategory Category { get; set; }
    [Id(2)] public List<string> Domains { get; set; } = [];
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }
    // Passkeys (issue 12, item 4)
    [Id(4)] public bool RequirePasskeyForAdmins { get; set; }
    // Web Push (issue 14): off until the agency's admin opts in.
    [Id(5)] public bool WebPushAllowed { get; set; }
}
