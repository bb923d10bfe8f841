namespace GoChat.GrainInterfaces;

/// <summary>One user, keyed by user id: profile, settings, presence, the conversation list and read cursors.</summary>
[Alias("gochat.IUserGrain")]
public interface IUserGrain : IGrainWithGuidKey
{
    /// <summary>Creates the user on first call; later calls return the stored profile.</summary>
    [Alias("Register")] Task<UserProfile> Register(string handle, string displayName);

    [Alias("GetProfile")] Task<UserProfile?> GetProfile();

    /// <summary>Called once by registration; later calls return the existing account unchanged.</summary>
    [Alias("CreateAccount")] Task<AccountInfo> CreateAccount(AccountSetup setup);

    [AlwaysInterleave, ReadOnly, Alias("GetAccount")] Task<AccountInfo?> GetAccount();

    /// <summary>A new device session; refused unless the account is active.</summary>
    [Alias("StartSession")] Task<IssuedSession> StartSession(string deviceName);

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

    [Alias("GetSettings")] Task<UserSettings> GetSettings();

    [Alias("UpdateSettings")] Task<UserSettings> UpdateSettings(UserSettings settings);

    /// <summary>Conversation list with last message and unread counts, newest activity first.</summary>
    [Alias("GetConversations")] Task<IReadOnlyList<ConversationSummary>> GetConversations();

    /// <summary>Called by a conversation when this user becomes a member.</summary>
    [Alias("JoinedConversation")] Task JoinedConversation(Guid conversationId, ConversationKind kind, long joinedSeq, Guid? peerUserId);

    /// <summary>Called by a conversation when this user stops being a member.</summary>
    [Alias("LeftConversation")] Task LeftConversation(Guid conversationId);

    /// <summary>Advances the user's delivered and read cursors, and tells the conversation.</summary>
    [Alias("MarkCursors")] Task MarkCursors(Guid conversationId, long deliveredSeq, long readSeq);

    [Alias("Connect")] Task<PresenceInfo> Connect(string connectionId);

    [Alias("Disconnect")] Task<PresenceInfo> Disconnect(string connectionId);

    [Alias("SetAway")] Task<PresenceInfo> SetAway(string connectionId, bool away);

    [AlwaysInterleave, ReadOnly, Alias("GetPresence")] Task<PresenceInfo> GetPresence();
}
