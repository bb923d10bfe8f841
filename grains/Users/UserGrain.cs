using GoChat.GrainInterfaces.Events;
using GoChat.Grains.Identity;
using GoChat.Grains.Storage;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace GoChat.Grains.Users;

/// <summary>
/// A user: account and sessions, profile and settings (persisted). The conversation list and cursors are the
/// <see cref="UserConversationsGrain"/>'s; presence and the gateways holding the user's connections are the user's
/// presence grain (<see cref="IPresenceGrain"/>), which carries this grain's events to those gateways.
/// </summary>
[GrainType("user")]
public sealed class UserGrain(
    [PersistentState("user")] IPersistentState<UserState> state,
    DirectoryStore directory,
    PhotoStore photos,
    AuditStore audit,
    IOptions<IdentityOptions> identity,
    TimeProvider time,
    ILogger<UserGrain> logger) : Grain, IUserGrain
{
    private bool _cursorsDirty;

    private UserState S => state.State;
    private Guid Id => this.GetPrimaryKey();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(FlushCursors, new GrainTimerCreationOptions(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)) { Interleave = false });
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await FlushCursors(cancellationToken);
    }

    public async Task<UserProfile> Register(string handle, string displayName)
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
        return Profile()!;
    }

    public Task<UserProfile?> GetProfile() => Task.FromResult(Profile());

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
        var device = new DeviceState { Name = name, CreatedAt = now, PasskeyVerified = passkeyVerified };
        S.Devices[deviceId] = device;
        var secret = Rotate(device, now);
        await WriteState();
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
            await WriteState();
            await DeviceEnded(deviceId);
            logger.LogWarning("Refresh secret reuse for {UserId} device {DeviceId}; session ended", Id, deviceId);
            await audit.Append(AuditActions.RefreshReused, S.AgencyId, Id, Id, $"device {deviceId}");
            throw InvalidSession();
        }
        if (!Secrets.Matches(refreshSecret, device.Salt, device.Hash) || device.ExpiresAt < now) throw InvalidSession();
        if (S.Status != AccountStatus.Active) throw InvalidSession();
        var secret = Rotate(device, now);
        await WriteState();
        return new IssuedSession(Account()!, deviceId, secret, device.ExpiresAt, device.PasskeyVerified);
    }

    public Task<IReadOnlyList<DeviceSession>> GetDevices() => Task.FromResult<IReadOnlyList<DeviceSession>>(
        S.Devices.Select(d => new DeviceSession(d.Key, d.Value.Name, d.Value.CreatedAt, d.Value.LastUsedAt, d.Value.ExpiresAt))
            .OrderByDescending(d => d.LastUsedAt).ToList());

    public async Task SignOut(Guid deviceId)
    {
        if (!S.Devices.Remove(deviceId)) return;
        await WriteState();
        await DeviceEnded(deviceId);
    }

    /// <summary>
    /// The device's access tokens fail <see cref="CheckSession"/> from now; its open connections are cut by every
    /// gateway holding them. A gateway attaching after this publish checks the session again once attached.
    /// </summary>
    private Task DeviceEnded(Guid deviceId) => Publish(new UserEvent(EndedDevice: deviceId));

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
        await audit.Append(action, S.AgencyId, actor, Id);
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

    /// <summary>The directory mirror first: if it fails, the grain state is unchanged on disk and the caller sees the error.</summary>
    private async Task SaveAccount()
    {
        await directory.UpsertUser(Account()!, Profile()!, S.CreatedAt);
        await WriteState();
    }

    private async Task EndAllSessions()
    {
        S.Devices.Clear();
        await VoidAccessTokens();
    }

    /// <summary>Access tokens issued so far stop working and connections opened with them are cut.</summary>
    private async Task VoidAccessTokens()
    {
        S.SessionEpoch++;
        await WriteState();
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

    public async Task<AccountInfo> SetExternalPermissions(Guid actor, ExternalPermissions permissions)
    {
        await RequireAdminOfThisUser(actor);
        if (permissions is null) throw GoChatException.Invalid("Permissions are required.");
        if (!S.IsExternal) throw GoChatException.Invalid("Only external users have permissions to set; staff have them all.");
        if (permissions == S.ExternalPermissions) return Account()!;
        S.ExternalPermissions = permissions;
        await WriteState();
        await audit.Append(AuditActions.PermissionsChanged, S.AgencyId, actor, Id,
            $"create groups: {permissions.CanCreateGroups}, see all agencies: {permissions.CanSeeAllAgencies}");
        return Account()!;
    }

    public Task<UserSettings> GetSettings() => Task.FromResult(S.Settings);

    public async Task<UserSettings> UpdateSettings(UserSettings settings)
    {
        RequireRegistered();
        if (settings is null) throw GoChatException.Invalid("Settings are required.");
        if (!UserSettings.Languages.Contains(settings.Language)) throw GoChatException.Invalid($"Language is one of: {string.Join(", ", UserSettings.Languages)}.");
        if (settings == S.Settings) return settings;
        var receiptsChanged = settings.ReadReceipts != S.Settings.ReadReceipts;
        S.Settings = settings;
        await WriteState();
        await Publish(new UserEvent(Settings: settings));
        if (receiptsChanged) await ShareReadReceiptsSetting();
        return settings;
    }

    /// <summary>
    /// Conversations show a member's read cursor only while both that member and the asker share read receipts;
    /// the user's conversation list stores the setting for all of them at once (no call to each conversation).
    /// </summary>
    private Task ShareReadReceiptsSetting() =>
        GrainFactory.GetGrain<IUserConversationsGrain>(Id).SetReadReceipts(S.Settings.ReadReceipts);

    public Task<ConversationListSeed> GetConversationListSeed() => Task.FromResult(new ConversationListSeed(S.Settings.ReadReceipts,
        S.Conversations.Select(kv => new LegacyConversation(kv.Key, kv.Value.Kind, kv.Value.PeerUserId, kv.Value.JoinedSeq, kv.Value.DeliveredSeq, kv.Value.ReadSeq)).ToList()));

    public async Task ForgetLegacyConversations()
    {
        if (S.Conversations.Count == 0) return;
        S.Conversations.Clear();
        await WriteState();
    }

    /// <summary>
    /// One-way, through the presence grain, to every gateway holding a device of this user; devices list their
    /// conversations again on every (re)connect, so a lost event heals there.
    /// </summary>
    private Task Publish(UserEvent evt) => GrainFactory.GetGrain<IPresenceGrain>(Id).Publish(evt);

    private UserProfile? Profile() => S.Handle is null ? null
        : new UserProfile(Id, S.Handle, S.DisplayName ?? S.Handle, S.AgencyId, AgencyName: null, S.IsExternal,
            S.Position, S.Department, S.StatusText, S.Availability, S.PhotoVersion);

    public async Task<UserProfile> GetCard(Guid viewer)
    {
        await RequireVisibleTo(viewer);
        var profile = Profile()!;
        if (S.AgencyId is not { } agency) return profile;
        var info = await GrainFactory.GetGrain<IAgencyGrain>(agency).GetInfo();
        return profile with { AgencyName = info?.Name };
    }

    public async Task<UserProfile> UpdateProfile(ProfileUpdate update)
    {
        RequireRegistered();
        if (update is null) throw GoChatException.Invalid("A profile is required.");
        var name = TextRules.Required(update.DisplayName, Limits.MaxDisplayNameLength, "A display name");
        if (!Enum.IsDefined(update.Availability)) throw GoChatException.Invalid("Unknown availability.");
        var position = Optional(update.Position, Limits.MaxProfileFieldLength, "A position");
        var department = Optional(update.Department, Limits.MaxProfileFieldLength, "A department");
        var statusText = Optional(update.StatusText, Limits.MaxStatusTextLength, "A status");

        S.DisplayName = name;
        S.Position = position;
        S.Department = department;
        S.StatusText = statusText;
        S.Availability = update.Availability;
        await SaveAccount();
        return await ProfileChanged();
    }

    public async Task<UserProfile> SetPhoto(string contentType, byte[] data)
    {
        RequireRegistered();
        var type = contentType?.Split(';')[0].Trim().ToLowerInvariant() ?? "";
        if (data is null || data.Length == 0) throw GoChatException.Invalid("The picture is empty.");
        if (data.Length > Limits.MaxPhotoBytes) throw new GoChatException(ErrorCodes.PhotoTooLarge, $"A profile picture is at most {Limits.MaxPhotoBytes / 1024} KB.");
        if (!ImageTypes.Accepted.Contains(type)) throw new GoChatException(ErrorCodes.UnsupportedImage, "A profile picture must be PNG, JPEG or WebP.");
        if (!ImageTypes.Matches(type, data)) throw new GoChatException(ErrorCodes.UnsupportedImage, $"The file is not a {type} image.");
        // Decoding is CPU work of tens of milliseconds: off the grain scheduler's few threads.
        var clean = await Task.Run(() => PhotoSanitizer.Sanitize(type, data));

        // A fresh version each time, so a client's cache keyed by version never shows an old picture.
        var version = Math.Max(S.PhotoVersion + 1, time.GetUtcNow().ToUnixTimeMilliseconds());
        await photos.Save(Id, new ProfilePhoto(clean.ContentType, clean.Data, version), time.GetUtcNow());
        S.PhotoVersion = version;
        await SaveAccount();
        return await ProfileChanged();
    }

    public async Task<UserProfile> RemovePhoto()
    {
        RequireRegistered();
        if (S.PhotoVersion == 0) return Profile()!;
        await photos.Delete(Id);
        S.PhotoVersion = 0;
        await SaveAccount();
        return await ProfileChanged();
    }

    public async Task<ProfilePhoto?> GetPhoto(Guid viewer)
    {
        await RequireVisibleTo(viewer);
        return S.PhotoVersion == 0 ? null : await photos.Load(Id);
    }

    private async Task<UserProfile> ProfileChanged()
    {
        var profile = Profile()!;
        await Publish(new UserEvent(Profile: profile));
        return profile;
    }

    private static string? Optional(string? value, int max, string what) => TextRules.Optional(value, max, what);

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

    private async Task WriteState()
    {
        await state.WriteStateAsync();
        _cursorsDirty = false;
    }

    private async Task FlushCursors(CancellationToken cancellationToken)
    {
        if (!_cursorsDirty || S.Handle is null) return;
        _cursorsDirty = false;
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            _cursorsDirty = true;
            logger.LogWarning(ex, "Saving cursors of {UserId} failed; will retry", Id);
        }
    }
}
