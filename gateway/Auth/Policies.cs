namespace GoChat.Gateway.Auth;

/// <summary>Authorization policies of the REST API. Grains check roles again on every call; this is the first door.</summary>
public static class Policies
{
    public const string PlatformAdmin = "platform-admin";
    /// <summary>Agency admins (own agency, checked by the grains) and platform admins.</summary>
    public const string Admin = "admin";
}
