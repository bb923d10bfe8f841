using GoChat.Grains.Pictures;
using GoChat.GrainInterfaces.Events;
using GoChat.Grains.Identity;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace GoChat.Grains.Users;

/// <summary>
/// A user's profile card and settings, split out of the user grain. The account keeps what sign-in and access
/// control need: the display name (tokens and passkeys carry it), handle and agency, and who may see the user. This
/// grain asks it for those and builds every card, so the card and the settings cost no write of the account's state.
/// </summary>
[GrainType("profile")]
public sealed class ProfileGrain(
    [PersistentState("profile")] IPersistentState<ProfileState> state,
    DirectoryStore directory,
    PhotoStore photos,
    TimeProvider time,
    ILogger<ProfileGrain> logger) : Grain, IProfileGrain
{
    private ProfileState S => state.State;
    private Guid Id => this.GetPrimaryKey();
    private IUserGrain User => GrainFactory.GetGrain<IUserGrain>(Id);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!state.RecordExists) await AdoptLegacyProfile(cancellationToken);
    }

    /// <summary>
    /// Releases before this grain kept the profile in the user grain's state: take it over once, before any call is
    /// served, so it can never overwrite a change made here. Unlike the last-seen time, a failed read fails the
    /// activation: going on with defaults would store them over the person's profile at their next change. The
    /// directory mirror already holds these values (the earlier release wrote them), so only the state is written.
    /// </summary>
    private async Task AdoptLegacyProfile(CancellationToken cancellationToken)
    {
        if (await User.GetLegacyProfile() is not { } legacy) return;
        S.Position = legacy.Position;
        S.Department = legacy.Department;
        S.StatusText = legacy.StatusText;
        S.Availability = legacy.Availability;
        S.PhotoVersion = legacy.PhotoVersion;
        S.Settings = legacy.Settings;
        await state.WriteStateAsync(cancellationToken);
        logger.LogInformation("Moved the profile and settings of {UserId} from user state", Id);
    }

    public async Task<UserProfile?> GetProfile() => await User.GetAccountCard() is { } account ? Card(account) : null;

    public async Task<UserProfile> GetCard(Guid viewer)
    {
        // Side by side: the visibility check decides, the account's part is read meanwhile.
        var visible = User.CheckVisibleTo(viewer);
        var account = User.GetAccountCard();
        await Task.WhenAll(visible, account);
        var card = Card(await account ?? throw Visibility.Hidden());
        if (card.AgencyId is not { } agency) return card;
        var info = await GrainFactory.GetGrain<IAgencyGrain>(agency).GetInfo();
        return card with { AgencyName = info?.Name };
    }

    public async Task<UserProfile> UpdateProfile(ProfileUpdate update)
    {
        var account = await RequireAccount();
        if (update is null) throw GoChatException.Invalid("A profile is required.");
        var name = TextRules.Required(update.DisplayName, Limits.MaxDisplayNameLength, "A display name");
        if (!Enum.IsDefined(update.Availability)) throw GoChatException.Invalid("Unknown availability.");
        var position = TextRules.Optional(update.Position, Limits.MaxProfileFieldLength, "A position");
        var department = TextRules.Optional(update.Department, Limits.MaxProfileFieldLength, "A department");
        var statusText = TextRules.Optional(update.StatusText, Limits.MaxStatusTextLength, "A status");

        // Only now, with every field accepted: a refused update must not have renamed the account.
        if (name != account.DisplayName) account = await User.Rename(name);
        S.Position = position;
        S.Department = department;
        S.StatusText = statusText;
        S.Availability = update.Availability;
        await Save();
        return await Changed(account);
    }

    public async Task<UserProfile> SetPhoto(string contentType, byte[] data)
    {
        var account = await RequireAccount();
        var clean = await PictureUpload.Clean(contentType, data, "A profile picture");
        var version = PictureUpload.NextVersion(S.PhotoVersion, time.GetUtcNow());
        await photos.Save(Id, new ProfilePhoto(clean.ContentType, clean.Data, version), time.GetUtcNow());
        S.PhotoVersion = version;
        await Save();
        return await Changed(account);
    }

    public async Task<UserProfile> RemovePhoto()
    {
        var account = await RequireAccount();
        if (S.PhotoVersion == 0) return Card(account);
        await photos.Delete(Id);
        S.PhotoVersion = 0;
        await Save();
        return await Changed(account);
    }

    public async Task<ProfilePhoto?> GetPhoto(Guid viewer)
    {
        await User.CheckVisibleTo(viewer);
        return S.PhotoVersion == 0 ? null : await photos.Load(Id);
    }

    public Task<UserSettings> GetSettings() => Task.FromResult(S.Settings);

    public async Task<UserSettings> UpdateSettings(UserSettings settings)
    {
        await RequireAccount();
        if (settings is null) throw GoChatException.Invalid("Settings are required.");
        if (!UserSettings.Languages.Contains(settings.Language)) throw GoChatException.Invalid($"Language is one of: {string.Join(", ", UserSettings.Languages)}.");
        if (settings == S.Settings) return settings;
        var receiptsChanged = settings.ReadReceipts != S.Settings.ReadReceipts;
        S.Settings = settings;
        await state.WriteStateAsync();
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

    /// <summary>USER_NOT_FOUND unless the account exists: a profile is only ever a profile of an account.</summary>
    private async Task<UserProfile> RequireAccount() =>
        await User.GetAccountCard() ?? throw new GoChatException(ErrorCodes.UserNotFound, "No such user.");

    /// <summary>The directory mirror first: if it fails, the grain state is unchanged on disk and the caller sees the error.</summary>
    private async Task Save()
    {
        await directory.UpdateProfile(Id, S);
        await state.WriteStateAsync();
    }

    private UserProfile Card(UserProfile account) => account with
    {
        Position = S.Position,
        Department = S.Department,
        StatusText = S.StatusText,
        Availability = S.Availability,
        PhotoVersion = S.PhotoVersion,
    };

    /// <summary>The user's other devices show their new card at once.</summary>
    private async Task<UserProfile> Changed(UserProfile account)
    {
        var card = Card(account);
        await Publish(new UserEvent(Profile: card));
        return card;
    }

    /// <summary>
    /// One-way, through the presence grain, to every gateway holding a device of this user; a lost event heals when
    /// the device next reads them (Sync returns the settings, the profile page reads the card).
    /// </summary>
    private Task Publish(UserEvent evt) => GrainFactory.GetGrain<IPresenceGrain>(Id).Publish(evt);
}
