using GoChat.GrainInterfaces;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace GoChat.Gateway.Api;

/// <summary>
/// A JSON route's body is bounded well below Kestrel's 30 MB default: no GoChat request is near 64 KB, and a larger
/// one is only memory for the parser to fill. Reading past the bound throws a 413 BadHttpRequestException, which
/// <see cref="GoChatExceptionHandler"/> answers as problem details with a code. Routes that take raw bytes (the photo)
/// keep their own bound. A declared Content-Length past the bound is answered before reading: Kestrel then drains
/// the body and the client reads the answer, where a limit hit mid-body makes Kestrel drop the connection.
/// </summary>
public sealed class JsonBodyLimit(RequestDelegate next)
{
    public const long MaxJsonBodyBytes = 64 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var accepts = context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>();
        if (accepts is not null && accepts.ContentTypes.Any(t => t.Contains("json", StringComparison.OrdinalIgnoreCase)))
        {
            if (context.Request.ContentLength > MaxJsonBodyBytes)
            {
                await context.WriteProblem(StatusCodes.Status413PayloadTooLarge, $"A JSON body has at most {MaxJsonBodyBytes / 1024} KB.", ErrorCodes.InvalidArgument);
                return;
            }
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size
                && (size.MaxRequestBodySize is null || size.MaxRequestBodySize > MaxJsonBodyBytes))
            {
                size.MaxRequestBodySize = MaxJsonBodyBytes;
            }
        }
        await next(context);
    }
}
