namespace GoChat.Grains.Files;

/// <summary>Where the bytes of an attachment's variants are, for a member the conversation grain has let through.</summary>
public sealed class AttachmentFiles(BlobCatalog blobs, FileSweeper sweeper)
{
    /// <summary>A message with files was deleted: they may be free now.</summary>
    public void Released() => sweeper.Nudge();

    /// <summary>The SHA-256 (hex) of each file's bytes as uploaded, which a broadcast's signature covers.</summary>
    public async Task<IReadOnlyList<string>> Sha256Of(IReadOnlyList<Attachment> attachments)
    {
        var rows = await Task.WhenAll(attachments.Select(a => blobs.Load(a.BlobId)));
        return rows.Select(r => Convert.ToHexStringLower(r?.Sha256 ?? throw new InvalidOperationException("An attachment's file is gone."))).ToList();
    }

    /// <returns>Null when the blob or the variant does not exist.</returns>
    public async Task<FileDownload?> Download(Attachment attachment, FileVariant variant)
    {
        if (await blobs.Load(attachment.BlobId) is not { } blob) return null;
        // A photo is shown and saved as its preview: the bytes as uploaded carry EXIF (the place it was taken, the
        // camera) that the sender never meant to share. A photo sent as a file keeps them, as the sender chose.
        if (attachment.Kind == AttachmentKind.Image && variant == FileVariant.Original) variant = FileVariant.Preview;
        var picture = variant switch
        {
            FileVariant.Preview => blob.Preview,
            FileVariant.Thumbnail => blob.Thumbnail,
            _ => null,
        };
        if (variant == FileVariant.Original) return new FileDownload(blob.BlobId, blob.Store, blob.Length, blob.ContentType, attachment.Name);
        if (picture is null) return null;
        return new FileDownload(picture.FileId, blob.Store, picture.Length, picture.ContentType, PictureName(attachment.Name, picture.ContentType));
    }

    /// <summary>The attachment's name with the picture's own extension: "laporan.png" saved as a JPEG preview is "laporan.jpg".</summary>
    private static string PictureName(string name, string contentType)
    {
        var extension = contentType switch
        {
            "image/jpeg" => ".jpg",
            "image/png" => ".png",
            "image/webp" => ".webp",
            _ => "",
        };
        return Path.GetFileNameWithoutExtension(name) + extension;
    }
}
