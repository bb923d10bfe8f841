namespace GoChat.Grains.Users;

/// <summary>What a person says about themselves beside the account: the card's fields other than the name, and the settings.</summary>
[GenerateSerializer, Alias("gochat.ProfileState")]
public sealed class ProfileState
{
    [Id(0)] public string? Position { get; set; }
    [Id(1)] public string? Department { get; set; }
    [Id(2)] public string? StatusText { get; set; }
    [Id(3)] public Availability Availability { get; set; }
    /// <summary>0 when there is no photo; the picture itself is a row of gochat_profile_photos.</summary>
    [Id(4)] public long PhotoVersion { get; set; }
    [Id(5)] public UserSettings Settings { get; set; } = new();
}
