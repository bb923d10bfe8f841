using GoChat.Files.Storage;

namespace GoChat.Grains.Files;

/// <summary>The preview, thumbnail and placeholder made from an image (or a video's first frame), stored beside it.</summary>
public sealed class UploadPictures
{
    public sealed record Made(int Width, int Height, StoredPicture? Preview, StoredPicture? Thumbnail, byte[]? Placeholder);

    // TEMPORARY until the image renditions land (files/Images).
    public Task<Made?> Make(IFileStore store, Guid fileId, UploadRow row, UploadTypes.UploadType type, CancellationToken ct) => Task.FromResult<Made?>(null);

    public async Task Delete(IFileStore store, Made? made, CancellationToken ct)
    {
        if (made?.Preview is { } p) await store.DeleteFile(p.FileId, ct);
        if (made?.Thumbnail is { } t) await store.DeleteFile(t.FileId, ct);
    }
}
