using GoChat.GrainInterfaces;
using Microsoft.Net.Http.Headers;

namespace GoChat.Gateway.Api;

/// <summary>A picture as a raw request body in, and as a private file out: profile pictures and group photos alike.</summary>
public static class PictureBody
{
    /// <summary>The body, refused with PHOTO_TOO_LARGE as soon as it passes the limit; the grain checks what the bytes are.</summary>
    public static async Task<byte[]> Read(HttpContext ctx, string what)
    {
        if (ctx.Request.ContentLength > Limits.MaxPhotoBytes) throw GoChatException.PictureTooLarge(what);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await ctx.Request.Body.ReadAsync(chunk, ctx.RequestAborted)) > 0)
        {
            // Stop reading as soon as the limit is passed: an endless body must not fill the gateway's memory.
            if (buffer.Length + read > Limits.MaxPhotoBytes) throw GoChatException.PictureTooLarge(what);
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public static IResult File(HttpContext ctx, ProfilePhoto photo)
    {
        var etag = new EntityTagHeaderValue($"\"{photo.Version}\"");
        // Private: the picture is for signed-in colleagues only, never for a shared cache.
        ctx.Response.Headers.CacheControl = "private, max-age=300";
        return TypedResults.File(photo.Data, photo.ContentType, entityTag: etag);
    }
}
