using System.Buffers;
using System.Text;
using GoChat.Files;
using GoChat.Files.Storage;
using GoChat.Gateway.Auth;
using GoChat.Gateway.Hubs;
using GoChat.GrainInterfaces;
using GoChat.Gateway.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace GoChat.Gateway.Files;

/// <summary>
/// Resumable uploads over tus 1.0 (core, creation, termination), for the web client's tus-js-client and any other tus
/// client. The body is streamed a chunk at a time into the file store (never a whole file in memory) and every stored
/// chunk is reported to the upload's grain, so HEAD tells a client that lost its connection exactly where to go on.
/// </summary>
public static class TusEndpoints
{
    public const string Path = "/api/uploads";
    public const string Version = "1.0.0";
    public const string OffsetContentType = "application/offset+octet-stream";

    public static IEndpointRouteBuilder MapTusApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Files").RequireAuthorization().AddEndpointFilter(RequireTusVersion);
        group.MapMethods("", ["OPTIONS"], (HttpContext ctx, IOptions<FilesOptions> options) =>
        {
            Describe(ctx, options.Value);
            return Results.NoContent();
        }).WithName("TusOptions");
        group.MapPost("", Create).WithName("CreateUpload").RateLimited(nameof(RateLimiters.Uploads))
            .WithDescription("tus creation: Upload-Length (at most Files:MaxUploadBytes) and Upload-Metadata with filename and filetype (base64).");
        group.MapMethods("/{uploadId}", ["HEAD"], async (string uploadId, HttpContext ctx, IGrainFactory grains) =>
        {
            var info = await Upload(grains, uploadId).Get(ctx.User.UserId());
            SetProgress(ctx, info);
            ctx.Response.Headers.CacheControl = "no-store";
            return Results.Ok();
        }).WithName("UploadOffset");
        group.MapGet("/{uploadId}", async (string uploadId, HttpContext ctx, IGrainFactory grains) =>
        {
            ctx.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok(await Upload(grains, uploadId).Get(ctx.User.UserId()));
        }).WithName("GetUpload").WithDescription("The upload's progress and what its checks found (Checking until cleared, then Ready or Refused).");
        group.MapPatch("/{uploadId}", Patch).WithName("UploadChunk");
        group.MapDelete("/{uploadId}", async (string uploadId, HttpContext ctx, IGrainFactory grains) =>
        {
            await Upload(grains, uploadId).Terminate(ctx.User.UserId());
            return Results.NoContent();
        }).WithName("TerminateUpload");
        return app;
    }

    /// <summary>Every tus request but OPTIONS names the protocol version; every answer names it too.</summary>
    private static async ValueTask<object?> RequireTusVersion(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        http.Response.Headers["Tus-Resumable"] = Version;
        if (!HttpMethods.IsOptions(http.Request.Method) && http.Request.Headers["Tus-Resumable"] != Version)
        {
            http.Response.Headers["Tus-Version"] = Version;
            throw new GoChatException(ErrorCodes.TusVersionUnsupported, $"Send Tus-Resumable: {Version}.");
        }
        return await next(context);
    }

    private static void Describe(HttpContext ctx, FilesOptions options)
    {
        ctx.Response.Headers["Tus-Version"] = Version;
        ctx.Response.Headers["Tus-Extension"] = "creation,termination";
        ctx.Response.Headers["Tus-Max-Size"] = options.MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<IResult> Create(HttpContext ctx, IGrainFactory grains, FileStores stores, IOptions<FilesOptions> options)
    {
        var headers = ctx.Request.Headers;
        if (headers.ContainsKey("Upload-Defer-Length")) throw new GoChatException(ErrorCodes.InvalidArgument, "Upload-Defer-Length is not supported: send Upload-Length.");
        if (!long.TryParse(headers["Upload-Length"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var length))
        {
            throw new GoChatException(ErrorCodes.InvalidArgument, "Upload-Length must be the file's size in bytes.");
        }
        // Refused here, before the grain or the store sees a byte of it.
        if (length > options.Value.MaxUploadBytes) throw new GoChatException(ErrorCodes.FileTooLarge, TooLargeText(options.Value.MaxUploadBytes));
        if (ctx.Request.ContentLength > 0) throw new GoChatException(ErrorCodes.InvalidArgument, "Create the upload first, then PATCH its bytes.");
        var metadata = UploadMetadata.Parse(headers["Upload-Metadata"]);
        var user = ctx.User;
        var owner = user.UserId();
        var id = Guid.NewGuid();
        var info = await grains.GetGrain<IUploadGrain>(id).Create(owner, new NewUpload(user.AgencyId() ?? owner,
            GoChat.Files.Types.FileNames.Sanitize(metadata.FileName), metadata.FileType, length, stores.Current.Name, metadata.Encrypted));
        ctx.Response.Headers.Location = $"{Path}/{info.UploadId:N}";
        SetProgress(ctx, info);
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    private static async Task<IResult> Patch(string uploadId, HttpContext ctx, IGrainFactory grains, FileStores stores, IOptions<FilesOptions> options)
    {
        var request = ctx.Request;
        if (!string.Equals(request.ContentType, OffsetContentType, StringComparison.OrdinalIgnoreCase))
        {
            throw new GoChatException(ErrorCodes.UnsupportedMediaType, $"A tus PATCH has Content-Type: {OffsetContentType}.");
        }
        if (!long.TryParse(request.Headers["Upload-Offset"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var offset))
        {
            throw new GoChatException(ErrorCodes.InvalidArgument, "Upload-Offset must be where the bytes of this request start.");
        }
        var owner = ctx.User.UserId();
        var id = Ids.Parse(uploadId, "uploadId");
        var upload = grains.GetGrain<IUploadGrain>(id);
        // This request's turn: an earlier one still writing (a connection the client gave up on) can no longer add bytes.
        var grant = await upload.BeginWrite(owner, offset);
        var info = grant.Upload;
        var writer = new Writer(stores.Get(info.Store), upload, owner, grant);
        var remaining = info.Length - offset;
        if (request.ContentLength > remaining) throw new GoChatException(ErrorCodes.FileTooLarge, "The body passes the upload's length.");
        // Past the upload's length, Kestrel stops reading: no request can store more than it announced.
        if (ctx.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = remaining;

        var chunkBytes = (int)Math.Min(options.Value.ChunkBytes, Math.Max(1, remaining));
        var buffer = ArrayPool<byte>.Shared.Rent(chunkBytes);
        var filled = 0;
        try
        {
            try
            {
                while (offset + filled < info.Length)
                {
                    var read = await request.Body.ReadAsync(buffer.AsMemory(filled, chunkBytes - filled), ctx.RequestAborted);
                    if (read == 0) break;
                    filled += read;
                    if (filled == chunkBytes)
                    {
                        info = await writer.Store(offset, buffer, filled, ctx.RequestAborted);
                        offset += filled;
                        filled = 0;
                    }
                }
                if (filled > 0)
                {
                    info = await writer.Store(offset, buffer, filled, ctx.RequestAborted);
                    offset += filled;
                    filled = 0;
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or BadHttpRequestException && filled > 0)
            {
                // The connection dropped: keep what did arrive, so the client's resume starts after it, not before.
                await writer.Store(offset, buffer, filled, CancellationToken.None);
                throw;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        SetProgress(ctx, info);
        return Results.NoContent();
    }

    /// <summary>One request's writes: each chunk under its grant's file id, then handed to the grain to become part of the upload.</summary>
    private sealed class Writer(IFileStore store, IUploadGrain upload, Guid owner, UploadWrite grant)
    {
        public async Task<UploadInfo> Store(long offset, byte[] buffer, int count, CancellationToken cancellationToken)
        {
            if (count > 0) await store.WriteChunk(grant.FileId, offset, buffer.AsMemory(0, count), cancellationToken);
            return await upload.Advance(owner, grant.Writer, offset, offset + count);
        }
    }

    private static void SetProgress(HttpContext ctx, UploadInfo info)
    {
        ctx.Response.Headers["Upload-Offset"] = info.Received.ToString(System.Globalization.CultureInfo.InvariantCulture);
        ctx.Response.Headers["Upload-Length"] = info.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        ctx.Response.Headers["Upload-Expires"] = info.ExpiresAt.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string TooLargeText(long max) => $"A file may be at most {max / (1024 * 1024)} MB.";

    private static IUploadGrain Upload(IGrainFactory grains, string uploadId) => grains.GetGrain<IUploadGrain>(Ids.Parse(uploadId, "uploadId"));
}
