using GoChat.GrainInterfaces.Events;

namespace GoChat.GrainInterfaces;

/// <summary>One user, keyed by user id: account and sessions, profile, settings. The conversation list is <see cref="IUserConversationsGrain"/>, presence <see cref="IPresenceGrain"/>.</summary>
[Alias("gochat.IUserGrain")]
public interface IUserGrain : IGrainWithGuidKey
{
    /// <summary>Creates the user on first call; later calls return the stored profile.</summary>
    [Alias("Register")] Task<UserProfile> Register(string handle, string displayName);

    /// <summary>The card without the agency's name; null if the user does not exist. For existence checks and the user's own screens.</summary>
    [AlwaysInterleave, ReadOnly, Alias("GetProfile")] Task<UserProfile?> GetProfile();

    /// <summary>
    /// The card as <paramref name="viewer"/> may see it, agency name included. USER_NOT_FOUND when the viewer may not
    /// see this user: an external viewer limited to their own agency, or an account that is not (yet) active.
    /// </summary>
    [AlwaysInterleave, ReadOnly, Alias("GetCard")] Task<UserProfile> GetCard(Guid viewer);

    [Alias("UpdateProfile")] Task<UserProfile> UpdateProfile(ProfileUpdate update);

    /// <summary>PNG, JPEG or WebP of at most <see cref="Limits.MaxPhotoBytes"/>; the bytes must be what the type says.</summary>
    [Alias("SetPhoto")] Task<UserProfile> SetPhoto(string contentType, byte[] data);

    [Alias("RemovePhoto")] Task<UserProfile> RemovePhoto();

    /// <summary>Null when there is no photo; the same visibility as <see cref="GetCard"/>.</summary>
    [Alias("GetPhoto")] Task<ProfilePhoto?> GetPhoto(Guid viewer);

    /// <summary>Completes if <paramref name="viewer"/> may see this user; USER_NOT_FOUND otherwise, as <see cref="GetCard"/>. For their presence grain.</summary>
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

    [Alias("GetSettings")] Task<UserSettings> GetSettings();

    [Alias("UpdateSettings")] Task<UserSettings> UpdateSettings(UserSettings settings);

    /// <summary>
    /// For the user's <see cref="IUserConversationsGrain"/> as it activates: the read receipts setting, and the conversation
    /// list an earlier release kept in this grain's state. Interleaves: that grain activates while this one may wait on it.
    /// </summary>
    [AlwaysInterleave, ReadOnly, Alias("GetConversationListSeed")] Task<ConversationListSeed> GetConversationListSeed();

    /// <summary>The legacy list is in gochat_cursors now; drop it from this grain's state.</summary>
    [OneWay, Alias("ForgetLegacyConversations")] Task ForgetLegacyConversations();
}
