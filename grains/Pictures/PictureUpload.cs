using GoChat.Grains.Users;

namespace GoChat.Grains.Pictures;

/// <summary>
/// The checks an uploaded picture passes before it is stored, the same for a profile picture and a group photo: not
/// empty, at most <see cref="Limits.MaxPhotoBytes"/>, PNG, JPEG or WebP by its declared type and by its bytes, then
/// decoded and encoded again (<see cref="PhotoSanitizer"/>) so that EXIF and anything else that is not pixels is gone.
/// </summary>
public static class PictureUpload
{
    public static async Task<SanitizedPhoto> Clean(string? contentType, byte[]? data, string what)
    {
        var type = contentType?.Split(';')[0].Trim().ToLowerInvariant() ?? "";
        if (data is null || data.Length == 0) throw GoChatException.Invalid("The picture is empty.");
        if (data.Length > Limits.MaxPhotoBytes) throw GoChatException.PictureTooLarge(what);
        if (!ImageTypes.Accepted.Contains(type)) throw new GoChatException(ErrorCodes.UnsupportedImage, $"{what} must be PNG, JPEG or WebP.");
        if (!ImageTypes.Matches(type, data)) throw new GoChatException(ErrorCodes.UnsupportedImage, $"The file is not a {type} image.");
        // Decoding is CPU work of tens of milliseconds: off the grain scheduler's few threads.
        return await Task.Run(() => PhotoSanitizer.Sanitize(type, data));
    }

    /// <summary>A fresh version each time, so a client's cache keyed by version never shows an old picture.</summary>
    public static long NextVersion(long current, DateTimeOffset now) => Math.Max(current + 1, now.ToUnixTimeMilliseconds());
}
