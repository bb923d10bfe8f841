using GoChat.GrainInterfaces.Events;
using GoChat.Grains.Identity;
using GoChat.Grains.Storage;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace GoChat.Grains.Users;

/// <summary>
/// A user's account and sessions (persisted), and who may see the user. The profile card's other fields and the
/// settings are the <see cref="ProfileGrain"/>'s, the conversation list and cursors the <see cref="UserConversationsGrain"/>'s;
/// presence and the gateways holding the user's connections are the user's presence grain (<see cref="IPresenceGrain"/>),
/// which carries this grain's events to those gateways.
/// </summary>
[GrainType("user")]
public sealed class UserGrain(
    [PersistentState("user")] IPersistentState<UserState> state,
    DirectoryStore directory,
    AuditStore audit,
    Push.PushSubscriptionStore pushSubscriptions,
    Channels.ChannelStore channels,
    IOptions<IdentityOptions> identity,
    TimeProvider time,
    ILogger<UserGrain> logger) : Grain, IUserGrain
{
    private UserState S => state.State;
    private Guid Id => this.GetPrimaryKey();

    public async Task<AccountInfo> Register(string handle, string displayName)
    {
        if (S.Handle is null)
        {
            displayName = TextRules.Required(displayName, Limits.MaxDisplayNameLength, "A display name");
            S.Handle = handle;
            S.DisplayName = displayName;
            S.CreatedAt = DateTimeOffset.UtcNow;
            S.Status = AccountStatus.Active;
            await SaveAccount();
            logger.LogInformation("Registered user {UserId} as {Handle}", Id, handle);
        }
        return Account()!;
    }

    public Task<UserProfile?> GetAccountCard() => Task.FromResult(AccountCard());

    public async Task<UserProfile> Rename(string displayName)
    {
        RequireRegistered();
        var name = TextRules.Required(displayName, Limits.MaxDisplayNameLength, "A display name");
        if (name != S.DisplayName)
        {
            S.DisplayName = name;
            await SaveAccount();
        }
        return AccountCard()!;
    }

    public async Task<AccountInfo> CreateAccount(AccountSetup setup)
    {
        if (S.Handle is not null) return Account()!;
        S.Handle = setup.Email;
        S.Email = setup.Email;
        S.DisplayName = setup.DisplayName;
        S.AgencyId = setup.AgencyId;
        S.IsExternal = setup.IsExternal;
        S.Role = setup.Role;
        S.Status = setup.Status;
        S.CreatedAt = time.GetUtcNow();
        await SaveAccount();
        await EnrolInMandatoryChannels();
        return Account()!;
    }

    public Task<AccountInfo?> GetAccount() => Task.FromResult(Account());

    public Task<AccountInfo?> CheckSession(Guid? deviceId, int sessionEpoch)
    {
        var live = S.Handle is not null && S.Status == AccountStatus.Active && S.SessionEpoch == sessionEpoch
            && (deviceId is not { } device || S.Devices.ContainsKey(device));
        return Task.FromResult(live ? Account() : null);
    }

    public async Task<IssuedSession> StartSession(string deviceName, bool passkeyVerified = false)
    {
        RequireActive();
        TextRules.RequireStorable(deviceName, "A device name");
        var name = TextRules.IsBlank(deviceName) ? "Peranti" : deviceName.Trim();
        // Cut between characters, never inside a surrogate pair (half a pair is text PostgreSQL cannot hold).
        if (name.Length > 100) name = name[..(char.IsLowSurrogate(name[100]) ? 99 : 100)];
        var now = time.GetUtcNow();
        var ended = S.Devices.Where(d => d.Value.ExpiresAt < now).Select(d => d.Key).ToList();
        foreach (var stale in ended) S.Devices.Remove(stale);
        while (S.Devices.Count >= identity.Value.MaxDevices)
        {
            var oldest = S.Devices.MinBy(d => d.Value.LastUsedAt).Key;
            S.Devices.Remove(oldest);
            ended.Add(oldest);
        }
        var deviceId = Guid.NewGuid();
        var device = new DeviceState { Name = name, CreatedAt = now, PasskeyVerified = passkeyVerified, CacheKey = Secrets.NewCacheKey() };
        S.Devices[deviceId] = device;
        var secret = Rotate(device, now);
        await state.WriteStateAsync();
        // A device pushed out to make room is signed out like any other.
        foreach (var gone in ended) await DeviceEnded(gone);
        return new IssuedSession(Account()!, deviceId, secret, device.ExpiresAt, passkeyVerified);
    }

    public async Task<IssuedSession> RefreshSession(Guid deviceId, string refreshSecret)
    {
        var now = time.GetUtcNow();
        if (!S.Devices.TryGetValue(deviceId, out var device)) throw InvalidSession();
        if (Secrets.Matches(refreshSecret, device.Salt, device.PreviousHash))
        {
            // A rotated secret came back: someone holds a copy. End this device's session for both holders.
            S.Devices.Remove(deviceId);
            await state.WriteStateAsync();
            await DeviceEnded(deviceId);
            logger.LogWarning("Refresh secret reuse for {UserId} device {DeviceId}; session ended", Id, deviceId);
            await audit.Append(AuditActions.RefreshReused, S.AgencyId, Id, Id, $"device {deviceId}");
            throw InvalidSession();
        }
        if (!Secrets.Matches(refreshSecret, device.Salt, device.Hash) || device.ExpiresAt < now) throw InvalidSession();
        if (S.Status != AccountStatus.Active) throw InvalidSession();
        var secret = Rotate(device, now);
        await state.WriteStateAsync();
        return new IssuedSession(Account()!, deviceId, secret, device.ExpiresAt, device.PasskeyVerified);
    }

    public Task<IReadOnlyList<DeviceSession>> GetDevices() => Task.FromResult<IReadOnlyList<DeviceSession>>(
        S.Devices.Select(d => new DeviceSession(d.Key, d.Value.Name, d.Value.CreatedAt, d.Value.LastUsedAt, d.Value.ExpiresAt))
            .OrderByDescending(d => d.LastUsedAt).ToList());

    public async Task<byte[]> GetCacheKey(Guid deviceId)
    {
        if (!S.Devices.TryGetValue(deviceId, out var device) || device.ExpiresAt < time.GetUtcNow()) throw InvalidSession();
        if (device.CacheKey.Length == 0)
        {
            device.CacheKey = Secrets.NewCacheKey();
            await state.WriteStateAsync();
        }
        return device.CacheKey;
    }

    public async Task SignOut(Guid deviceId)
    {
        if (!S.Devices.Remove(deviceId)) return;
        await state.WriteStateAsync();
        await DeviceEnded(deviceId);
    }

    /// <summary>
    /// The device's access tokens fail <see cref="CheckSession"/> from now; its open connections are cut by every
    /// gateway holding them. A gateway attaching after this publish checks the session again once attached.
    /// </summary>
    private async Task DeviceEnded(Guid deviceId)
    {
        await ForgetPushSubscriptions(() => pushSubscriptions.DeleteDevice(Id, deviceId));
        await Publish(new UserEvent(EndedDevice: deviceId));
    }

    /// <summary>
    /// Web Push (issue 14): a signed-out device gets no more notifications. A failed delete does not undo the sign-out;
    /// the row goes at the push service's 410 once the browser drops it, and a push says nothing in any case.
    /// </summary>
    private async Task ForgetPushSubscriptions(Func<Task<int>> delete)
    {
        try
        {
            await delete();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Deleting the Web Push subscriptions of {UserId} failed", Id);
        }
    }

    public async Task SignOutEverywhere()
    {
        await EndAllSessions();
        await audit.Append(AuditActions.SignedOutEverywhere, S.AgencyId, Id, Id);
    }

    public Task<AccountInfo> Approve(Guid actor) => Transition(actor, AccountStatus.PendingApproval, AccountStatus.Active, AuditActions.Approved);

    public Task<AccountInfo> Reject(Guid actor) => Transition(actor, AccountStatus.PendingApproval, AccountStatus.Rejected, AuditActions.Rejected);

    public Task<AccountInfo> Suspend(Guid actor) => Transition(actor, AccountStatus.Active, AccountStatus.Suspended, AuditActions.Suspended);

    public Task<AccountInfo> Reinstate(Guid actor) => Transition(actor, AccountStatus.Suspended, AccountStatus.Active, AuditActions.Reinstated);

    public async Task<AccountInfo> SetRole(Guid actor, UserRole role)
    {
        var admin = await RequireAdminOfThisUser(actor);
        if (!Enum.IsDefined(role)) throw GoChatException.Invalid("Unknown role.");
        if (role == UserRole.PlatformAdmin && admin.Role != UserRole.PlatformAdmin) throw new GoChatException(ErrorCodes.Forbidden, "Only platform admins can make platform admins.");
        if (S.Role == UserRole.PlatformAdmin && admin.Role != UserRole.PlatformAdmin) throw new GoChatException(ErrorCodes.Forbidden, "Only platform admins can change a platform admin.");
        if (role == UserRole.AgencyAdmin && (S.AgencyId is null || S.IsExternal)) throw GoChatException.Invalid("Only staff of an agency can be its admin.");
        if (role == S.Role) return Account()!;
        var before = S.Role;
        S.Role = role;
        await SaveAccount();
        // Access tokens carry the role: void them; devices refresh and get tokens with the new role.
        await VoidAccessTokens();
        await audit.Append(AuditActions.RoleChanged, S.AgencyId, actor, Id, $"{before} -> {role}");
        return Account()!;
    }

    private async Task<AccountInfo> Transition(Guid actor, AccountStatus from, AccountStatus to, string action)
    {
        await RequireAdminOfThisUser(actor);
        if (actor == Id) throw new GoChatException(ErrorCodes.Forbidden, "Admins cannot change their own standing.");
        if (S.Status == to) return Account()!;
        if (S.Status != from) throw new GoChatException(ErrorCodes.Conflict, $"The account is {S.Status}, not {from}.");
        S.Status = to;
        await SaveAccount();
        if (to is AccountStatus.Suspended) await EndAllSessions();
        // The row says whose standing changed and how, in itself: the names beside it are the directory's of today.
        await audit.Append(action, S.AgencyId, actor, Id, $"{S.DisplayName ?? S.Handle} <{S.Email}>: {from} -> {to}");
        return Account()!;
    }

    private async Task<AccountInfo> RequireAdminOfThisUser(Guid actor)
    {
        if (S.Handle is null) throw new GoChatException(ErrorCodes.UserNotFound, "No such user.");
        var admin = S.AgencyId is { } agency
            ? await Authorize.AdminOf(GrainFactory, actor, agency)
            : await Authorize.PlatformAdmin(GrainFactory, actor);
        return admin;
    }

    /// <summary>
    /// New staff join their audience's mandatory channels (issue 16) with one statement over the directory mirror just
    /// written. Each stays in the list; a failure here is logged, and the account stands.
    /// </summary>
    private async Task EnrolInMandatoryChannels()
    {
        if (S.Status != AccountStatus.Active || S.IsExternal || S.AgencyId is null) return;
        try
        {
            var joined = await channels.EnrolInMandatory(Id);
            if (joined.Count > 0) logger.LogInformation("Enrolled {UserId} in {Count} mandatory channel(s)", Id, joined.Count);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Enrolling {UserId} in the mandatory channels failed", Id);
        }
    }

    /// <summary>The directory mirror first: if it fails, the grain state is unchanged on disk and the caller sees the error.</summary>
    private async Task SaveAccount()
    {
        await directory.UpsertAccount(Account()!, S.CreatedAt);
        await state.WriteStateAsync();
    }

    private async Task EndAllSessions()
    {
        S.Devices.Clear();
        await VoidAccessTokens();
        await ForgetPushSubscriptions(() => pushSubscriptions.DeleteUser(Id));
    }

    /// <summary>Access tokens issued so far stop working and connections opened with them are cut.</summary>
    private async Task VoidAccessTokens()
    {
        S.SessionEpoch++;
        await state.WriteStateAsync();
        await Publish(new UserEvent(SessionEpoch: S.SessionEpoch));
    }

    private string Rotate(DeviceState device, DateTimeOffset now)
    {
        var secret = Secrets.NewToken();
        device.PreviousHash = device.Hash.Length == 0 ? null : device.Hash;
        device.Salt = device.Salt.Length == 0 ? Secrets.NewSalt() : device.Salt;
        device.Hash = Secrets.Hash(secret, device.Salt);
        device.LastUsedAt = now;
        device.ExpiresAt = now.AddDays(identity.Value.RefreshTokenDays);
        return secret;
    }

    private void RequireActive()
    {
        switch (S.Status)
        {
            case AccountStatus.Active: return;
            case AccountStatus.PendingApproval: throw new GoChatException(ErrorCodes.PendingApproval, "An admin of your agency has not approved your account yet.");
            case AccountStatus.Suspended: throw new GoChatException(ErrorCodes.Suspended, "Your account is suspended.");
            case AccountStatus.Rejected: throw new GoChatException(ErrorCodes.Rejected, "Your registration was not approved.");
            default: throw new GoChatException(ErrorCodes.UserNotFound, "No such user.");
        }
    }

    private static GoChatException InvalidSession() => new(ErrorCodes.InvalidSession, "This session has ended; sign in again.");

    private AccountInfo? Account() => S.Handle is null ? null
        : new AccountInfo(Id, S.Email, S.DisplayName ?? S.Handle, S.AgencyId, S.IsExternal, S.Role, S.Status, S.SessionEpoch,
            CanCreateGroups: !S.IsExternal || S.ExternalPermissions.CanCreateGroups,
            CanSeeAllAgencies: !S.IsExternal || S.ExternalPermissions.CanSeeAllAgencies);

    public async Task<ExternalPermissions> GetExternalPermissions(Guid actor)
    {
        await RequireAdminOfThisUser(actor);
        if (!S.IsExternal) throw GoChatException.Invalid("Only external users have permissions to set; staff have them all.");
        return S.ExternalPermissions;
    }

    public async Task<AccountInfo> SetExternalPermissions(Guid actor, ExternalPermissions permissions)
    {
        await RequireAdminOfThisUser(actor);
        if (permissions is null) throw GoChatException.Invalid("Permissions are required.");
        if (!S.IsExternal) throw GoChatException.Invalid("Only external users have permissions to set; staff have them all.");
        if (permissions == S.ExternalPermissions) return Account()!;
        S.ExternalPermissions = permissions;
        await state.WriteStateAsync();
        await audit.Append(AuditActions.PermissionsChanged, S.AgencyId, actor, Id,
            $"create groups: {permissions.CanCreateGroups}, see all agencies: {permissions.CanSeeAllAgencies}");
        return Account()!;
    }

    public Task<ConversationListSeed> GetConversationListSeed() => Task.FromResult(new ConversationListSeed(
        S.Conversations.Select(kv => new LegacyConversation(kv.Key, kv.Value.Kind, kv.Value.PeerUserId, kv.Value.JoinedSeq, kv.Value.DeliveredSeq, kv.Value.ReadSeq)).ToList()));

    public async Task ForgetLegacyConversations()
    {
        if (S.Conversations.Count == 0) return;
        S.Conversations.Clear();
        await state.WriteStateAsync();
    }

    /// <summary>
    /// One-way, through the presence grain, to every gateway holding a device of this user: ended sessions, whose
    /// connections those gateways cut. A request or connection after a lost event still fails its session check.
    /// </summary>
    private Task Publish(UserEvent evt) => GrainFactory.GetGrain<IPresenceGrain>(Id).Publish(evt);

    private UserProfile? AccountCard() => S.Handle is null ? null
        : new UserProfile(Id, S.Handle, S.DisplayName ?? S.Handle, S.AgencyId, AgencyName: null, S.IsExternal);

    public Task<LegacyProfile?> GetLegacyProfile()
    {
        var legacy = new LegacyProfile(S.Position, S.Department, S.StatusText, S.Availability, S.PhotoVersion, S.Settings);
        return Task.FromResult(S.Handle is null || legacy == LegacyProfile.None ? null : legacy);
    }

    public Task CheckVisibleTo(Guid viewer) => RequireVisibleTo(viewer);

    public Task<DateTimeOffset?> GetLastSeen() => Task.FromResult(S.LastSeen);

    /// <summary>USER_NOT_FOUND unless <paramref name="viewer"/> may see this user (<see cref="Visibility"/>).</summary>
    private async Task RequireVisibleTo(Guid viewer)
    {
        if (S.Handle is null) throw Visibility.Hidden();
        if (viewer == Id) return;
        if (!Visibility.IsListed(S.Status)) throw Visibility.Hidden();
        var account = await GrainFactory.GetGrain<IUserGrain>(viewer).GetAccount();
        // Only a viewer limited to another agency needs the list: the one case where a direct chat decides.
        var inDirectChat = account is { CanSeeAllAgencies: false } && account.AgencyId != S.AgencyId
            && await GrainFactory.GetGrain<IUserConversationsGrain>(Id).IsMember(ConversationIds.Direct(viewer, Id));
        if (!Visibility.MaySee(account, S.AgencyId, inDirectChat)) throw Visibility.Hidden();
    }

    private void RequireRegistered()
    {
        if (S.Handle is null) throw new GoChatException(ErrorCodes.UserNotFound, "No such user.");
    }
}
