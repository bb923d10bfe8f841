namespace GoChat.GrainInterfaces;

/// <summary>
/// One user's profile card and settings, keyed by user id. The card's name, handle and agency are the account's
/// (<see cref="IUserGrain"/>, which also decides who may see the user); this grain adds the rest and builds the card.
/// </summary>
[Alias("gochat.IProfileGrain")]
public interface IProfileGrain : IGrainWithGuidKey
{
    /// <summary>The card without the agency's name; null if the user does not exist. For existence checks and the user's own screens.</summary>
    [AlwaysInterleave, ReadOnly, Alias("GetProfile")] Task<UserProfile?> GetProfile();

    /// <summary>
    /// The card as <paramref name="viewer"/> may see it, agency name included. USER_NOT_FOUND when the viewer may not
    /// see this user: an external viewer limited to their own agency, or an account that is not (yet) active.
    /// </summary>
    [AlwaysInterleave, ReadOnly, Alias("GetCard")] Task<UserProfile> GetCard(Guid viewer);

    /// <summary>Every field is checked before anything is stored; a new display name is the account's (<see cref="IUserGrain.Rename"/>).</summary>
    [Alias("UpdateProfile")] Task<UserProfile> UpdateProfile(ProfileUpdate update);

    /// <summary>PNG, JPEG or WebP of at most <see cref="Limits.MaxPhotoBytes"/>; the bytes must be what the type says.</summary>
    [Alias("SetPhoto")] Task<UserProfile> SetPhoto(string contentType, byte[] data);

    [Alias("RemovePhoto")] Task<UserProfile> RemovePhoto();

    /// <summary>Null when there is no photo; the same visibility as <see cref="GetCard"/>.</summary>
    [Alias("GetPhoto")] Task<ProfilePhoto?> GetPhoto(Guid viewer);

    /// <summary>
    /// Interleaves: the user's <see cref="IUserConversationsGrain"/> reads the read receipts setting as it activates,
    /// possibly while this grain waits on it in <see cref="UpdateSettings"/>.
    /// </summary>
    [AlwaysInterleave, ReadOnly, Alias("GetSettings")] Task<UserSettings> GetSettings();

    [Alias("UpdateSettings")] Task<UserSettings> UpdateSettings(UserSettings settings);
}
