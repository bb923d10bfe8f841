using GoChat.Files.Images;
using GoChat.Files.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoChat.Grains.Files;

/// <summary>
/// The preview, thumbnail and placeholder made from an image (or a video's first frame), stored beside it in its store.
/// Pictures are made from pixels only, so none carries the upload's EXIF. A few at a time per silo: each is a decode of
/// up to tens of megapixels, and chat must not wait behind a burst of photo uploads for the CPU.
/// </summary>
public sealed class UploadPictures(IOptions<ImageRenditionOptions> images, IOptions<VideoThumbnailOptions> video, ILogger<UploadPictures> logger)
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, Environment.ProcessorCount / 2));

    public sealed record Made(int Width, int Height, StoredPicture Preview, StoredPicture Thumbnail, byte[] Placeholder);

    /// <returns>Null for kinds without pictures, and for bytes that do not decode (a file still, just without a picture).</returns>
    public async Task<Made?> Make(IFileStore store, Guid fileId, UploadRow row, UploadTypes.UploadType type, CancellationToken ct)
    {
        if (type.Kind is not (AttachmentKind.Image or AttachmentKind.Video)) return null;
        await _slots.WaitAsync(ct);
        try
        {
            await using var content = new StoredFileStream(store, fileId, row.Length);
            ImageRendition? rendition;
            int width, height;
            if (type.Kind == AttachmentKind.Image)
            {
                var result = await Task.Run(() => ImageRenditions.Make(content, images.Value, ct), ct);
                if (!result.Made)
                {
                    logger.LogInformation("Upload {UploadId} is an image that gets no pictures ({Refusal})", row.UploadId, result.Refusal);
                    return null;
                }
                rendition = result.Rendition;
                (width, height) = (rendition.Width, rendition.Height);
            }
            else
            {
                var frame = await VideoThumbnails.Make(content, video.Value, images.Value, ct);
                if (frame is null) return null;
                rendition = frame.FirstFrame;
                (width, height) = (frame.Width, frame.Height);
            }
            var preview = await Save(store, rendition.Display, ct);
            var thumbnail = await Save(store, rendition.Thumbnail, ct);
            return new Made(width, height, preview, thumbnail, rendition.Placeholder.Data);
        }
        finally
        {
            _slots.Release();
        }
    }

    public async Task Delete(IFileStore store, Made? made, CancellationToken ct)
    {
        if (made is null) return;
        await store.DeleteFile(made.Preview.FileId, ct);
        await store.DeleteFile(made.Thumbnail.FileId, ct);
    }

    private static async Task<StoredPicture> Save(IFileStore store, RenditionPicture picture, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        await store.WriteChunk(id, 0, picture.Data, ct);
        return new StoredPicture(id, picture.Data.Length, picture.ContentType);
    }
}
