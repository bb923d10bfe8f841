using GoChat.GrainInterfaces.Events;

namespace GoChat.GrainInterfaces;

/// <summary>
/// One user's account, keyed by user id: identity, agency, role, standing and device sessions, and who may see the
/// user. The profile card's other fields and the settings are <see cref="IProfileGrain"/>, the conversation list
/// <see cref="IUserConversationsGrain"/>, presence <see cref="IPresenceGrain"/>.
/// </summary>
[Alias("gochat.IUserGrain")]
public interface IUserGrain : IGrainWithGuidKey
{
    /// <summary>Creates the user on first call; later calls return the stored account.</summary>
    [Alias("Register")] Task<AccountInfo> Register(string handle, string displayName);

    /// <summary>
    /// The account's part of the card (handle, display name, agency), no agency name and no profile fields; null if the
    /// user does not exist. For the user's <see cref="IProfileGrain"/>, which adds the rest.
    /// </summary>
    [AlwaysInterleave, ReadOnly, Alias("GetAccountCard")] Task<UserProfile?> GetAccountCard();

    /// <summary>
    /// The display name is the account's: sign-in tokens and passkeys carry it. For the user's <see cref="IProfileGrain"/>,
    /// which checks the whole profile first. Returns the account's part of the card, as <see cref="GetAccountCard"/>.
    /// </summary>
    [Alias("Rename")] Task<UserProfile> Rename(string displayName);

    /// <summary>
    /// Completes if <paramref name="viewer"/> may see this user; USER_NOT_FOUND otherwise, as <see cref="IProfileGrain.GetCard"/>.
    /// For their profile and presence grains.
    /// </summary>
    [AlwaysInterleave, ReadOnly, Alias("CheckVisibleTo")] Task CheckVisibleTo(Guid viewer);

    /// <summary>
    /// The last-seen time this grain stored before presence had a grain of its own: read once by the user's presence
    /// grain, which keeps it from then on.
    /// </summary>
    [AlwaysInterleave, ReadOnly, Alias("GetLastSeen")] Task<DateTimeOffset?> GetLastSeen();

    /// <summary>Called once by registration; later calls return the existing account unchanged.</summary>
    [Alias("CreateAccount")] Task<AccountInfo> CreateAccount(AccountSetup setup);

    [AlwaysInterleave, ReadOnly, Alias("GetAccount")] Task<AccountInfo?> GetAccount();

    /// <summary>
    /// For gateways, on every request and hub connection: the account if an access token for this device and session
    /// epoch is still good (account active, epoch current, the device still signed in); null once its session ended.
    /// A null device is a development sign-in token, which belongs to no device session.
    /// </summary>
    [AlwaysInterleave, ReadOnly, Alias("CheckSession")] Task<AccountInfo?> CheckSession(Guid? deviceId, int sessionEpoch);

    /// <summary>
    /// A new device session; refused unless the account is active. <paramref name="passkeyVerified"/> marks a session
    /// started with a passkey (its tokens say so, also after refresh), which admin routes may require.
    /// </summary>
    [Alias("StartSession")] Task<IssuedSession> StartSession(string deviceName, bool passkeyVerified = false);

    /// <summary>Rotates the device's refresh secret. Presenting an old secret again ends that device's session.</summary>
    [Alias("RefreshSession")] Task<IssuedSession> RefreshSession(Guid deviceId, string refreshSecret);

    [Alias("GetDevices")] Task<IReadOnlyList<DeviceSession>> GetDevices();

    /// <summary>
    /// The device session's offline-cache key (32 random bytes), the same for the session's whole life; INVALID_SESSION
    /// once the device is signed out, revoked or pushed out, after which the key is gone for good.
    /// </summary>
    [Alias("GetCacheKey")] Task<byte[]> GetCacheKey(Guid deviceId);

    [Alias("SignOut")] Task SignOut(Guid deviceId);

    /// <summary>Ends every session and invalidates every access token issued so far.</summary>
    [Alias("SignOutEverywhere")] Task SignOutEverywhere();

    /// <summary>Admin actions; the actor must be an admin of this user's agency or a platform admin.</summary>
    [Alias("Approve")] Task<AccountInfo> Approve(Guid actor);

    [Alias("Reject")] Task<AccountInfo> Reject(Guid actor);

    /// <summary>Ends every session and cuts every connection; sign-in is refused until reinstated.</summary>
    [Alias("Suspend")] Task<AccountInfo> Suspend(Guid actor);

    [Alias("Reinstate")] Task<AccountInfo> Reinstate(Guid actor);

    /// <summary>Agency admins grant User or AgencyAdmin in their own agency; only platform admins grant PlatformAdmin.</summary>
    [Alias("SetRole")] Task<AccountInfo> SetRole(Guid actor, UserRole role);

    /// <summary>Admins of the user's agency allow an external user to create groups or to see other agencies.</summary>
    [Alias("SetExternalPermissions")] Task<AccountInfo> SetExternalPermissions(Guid actor, ExternalPermissions permissions);

    /// <summary>What an admin of this external user has allowed them, for the portal to show before a change.</summary>
    [Alias("GetExternalPermissions")] Task<ExternalPermissions> GetExternalPermissions(Guid actor);

    /// <summary>
    /// The profile fields and settings this grain stored before the profile had a grain of its own (null when there
    /// are none): read once by the user's <see cref="IProfileGrain"/>, which keeps them from then on. Interleaves: that
    /// grain may activate for a grain this one waits on (the conversation list, asked for visibility, reads the settings).
    /// </summary>
    [AlwaysInterleave, ReadOnly, Alias("GetLegacyProfile")] Task<LegacyProfile?> GetLegacyProfile();

    /// <summary>
    /// For the user's <see cref="IUserConversationsGrain"/> as it activates: the conversation list an earlier release kept
    /// in this grain's state. Interleaves: that grain activates while this one may wait on it.
    /// </summary>
    [AlwaysInterleave, ReadOnly, Alias("GetConversationListSeed")] Task<ConversationListSeed> GetConversationListSeed();

    /// <summary>The legacy list is in gochat_cursors now; drop it from this grain's state.</summary>
    [OneWay, Alias("ForgetLegacyConversations")] Task ForgetLegacyConversations();
}
