using GoChat.Files.Storage;
using GoChat.Gateway.Auth;
using GoChat.Gateway.Hubs;
using GoChat.GrainInterfaces;
using Microsoft.Net.Http.Headers;

namespace GoChat.Gateway.Files;

/// <summary>
/// Attachments out: a member asks for a link to one attachment, and the link is served to that member alone while they
/// may still read the message. Byte ranges are served (audio and video seek), and the bytes come as they were stored.
/// </summary>
public static class DownloadEndpoints
{
    public const string Path = "/files";
    /// <summary>
    /// Holds the access token for the download route only (HttpOnly, SameSite=Strict): an img, audio, video or iframe
    /// cannot send a bearer header, and a link alone must not be enough.
    /// </summary>
    public const string CookieName = "gochat_files";

    public static IEndpointRouteBuilder MapDownloadApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/conversations/{conversationId}/messages/{seq}/files/{blobId}/link",
            async (string conversationId, long seq, string blobId, FileVariant? variant, HttpContext ctx, IGrainFactory grains, FileLinks links) =>
            {
                var user = ctx.User.UserId();
                var link = new FileLink(Ids.Parse(blobId, "blobId"), Ids.Parse(conversationId, "conversationId"), seq, user, variant ?? FileVariant.Original);
                var download = await new Delivery.ChatSource(grains, link.ConversationId).GetDownload(user, seq, link.BlobId, link.Variant);
                var (token, expires) = links.Issue(link);
                return TypedResults.Ok(new FileLinkResult($"{Path}/{token}", expires, download.Name, download.ContentType, download.Length));
            })
            .WithTags("Files").WithName("GetFileLink").RequireAuthorization()
            .WithDescription("A link to one attachment of a message the caller may read, valid for Files:LinkMinutes and for the caller only.");

        app.MapPost("/api/files/cookie", (HttpContext ctx) =>
            {
                var token = ctx.Request.Headers.Authorization.ToString();
                if (!token.StartsWith("Bearer ", StringComparison.Ordinal)) throw GoChatException.Invalid("Send the access token as a bearer header.");
                ctx.Response.Cookies.Append(CookieName, token["Bearer ".Length..], new CookieOptions
                {
                    HttpOnly = true,
                    // Behind an ingress that ends TLS the request arrives as http: its forwarded scheme still asks for Secure.
                    // A forged header can only make the cookie stricter, never looser.
                    Secure = ctx.Request.IsHttps || string.Equals(ctx.Request.Headers["X-Forwarded-Proto"], "https", StringComparison.OrdinalIgnoreCase),
                    SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict,
                    Path = Path,
                    MaxAge = TimeSpan.FromHours(24),
                });
                return Results.NoContent();
            })
            .WithTags("Files").WithName("SetFileCookie").RequireAuthorization()
            .WithDescription("Lets this browser's img, audio, video and PDF views use download links: the session's token, for the download route only.");

        app.MapMethods($"{Path}/{{token}}", ["GET", "HEAD"], Download).WithTags("Files").WithName("DownloadFile").RequireAuthorization();
        return app;
    }

    private static async Task<IResult> Download(string token, bool? download, HttpContext ctx, IGrainFactory grains, FileLinks links, FileStores stores,
        Broadcasts.ImageMarking images, TimeProvider time)
    {
        var user = ctx.User.UserId();
        var link = links.Check(token, user);
        var file = await new Delivery.ChatSource(grains, link.ConversationId).GetDownload(user, link.Seq, link.BlobId, link.Variant);
        var store = stores.Get(file.Store);
        var inline = download != true && ShowsInline(file.ContentType);
        ctx.Response.Headers.ContentDisposition = Disposition(file.Name, inline);
        // Private: it is one member's, and their access is checked on every request.
        ctx.Response.Headers.CacheControl = "private, max-age=300";
        if (Broadcasts.ImageMarking.Marks(file))
        {
            ctx.Response.Headers.CacheControl = "private, no-store";
            return await Marked(file, store, user, grains, images, time);
        }
        var stream = new StoredFileStream(store, file.FileId, file.Length);
        return TypedResults.Stream(stream, file.ContentType, enableRangeProcessing: true, entityTag: new EntityTagHeaderValue($"\"{file.FileId:N}\""));
    }

    /// <summary>
    /// A protected broadcast's picture, marked for this downloader (a preview is a screen wide: marked in memory, in a
    /// few hundred milliseconds). Never cached by the browser, so a copy is always the mark of who fetched it.
    /// </summary>
    private static async Task<IResult> Marked(FileDownload file, IFileStore store, Guid user, IGrainFactory grains, Broadcasts.ImageMarking images, TimeProvider time)
    {
        using var buffer = new MemoryStream((int)file.Length);
        await using (var stored = new StoredFileStream(store, file.FileId, file.Length)) await stored.CopyToAsync(buffer);
        var name = (await grains.GetGrain<IUserGrain>(user).GetAccount())?.DisplayName ?? user.ToString();
        var marked = images.Mark(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), file.Broadcast!, user, name, time.GetUtcNow());
        return TypedResults.Bytes(marked, file.ContentType);
    }

    /// <summary>Pictures, sound, video, PDF and plain text open in the browser (sandboxed); everything else is saved.</summary>
    private static bool ShowsInline(string contentType) =>
        contentType.StartsWith("image/", StringComparison.Ordinal) || contentType.StartsWith("audio/", StringComparison.Ordinal)
        || contentType.StartsWith("video/", StringComparison.Ordinal) || contentType == "application/pdf" || contentType.StartsWith("text/plain", StringComparison.Ordinal);

    private static string Disposition(string name, bool inline) => GoChat.Files.Types.FileNames.ContentDisposition(name, inline);
}

/// <param name="Url">Relative to the gateway: the download route with the signed token.</param>
public sealed record FileLinkResult(string Url, DateTimeOffset ExpiresAt, string Name, string ContentType, long Size);
