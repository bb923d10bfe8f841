namespace GoChat.Gateway.Auth;

/// <summary>
/// Section "Identity", as gateways read it: whether platform admins must have signed in with a passkey to use admin
/// routes. Agencies decide the same for their own admins (PUT /api/admin/agencies/{id}/security).
/// </summary>
public sealed class AdminPasskeyOptions
{
    public const string Section = "Identity";

    public bool RequirePasskeyForPlatformAdmins { get; set; }
}
