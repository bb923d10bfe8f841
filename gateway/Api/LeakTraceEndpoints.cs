using GoChat.Broadcasts.Marks;
using GoChat.Broadcasts.Text;
using GoChat.GrainInterfaces;
using GoChat.Gateway.Auth;
using GoChat.Gateway.Broadcasts;

namespace GoChat.Gateway.Api;

/// <summary>POST /api/admin/leaks/trace: an agency admin submits a leaked copy and learns whose it is (issue 16).</summary>
public static class LeakTraceEndpoints
{
    /// <param name="Text">A leaked text, as pasted (its invisible marks intact, or not).</param>
    /// <param name="Code">The overlay's delivery code, read off a screenshot or a photo of a screen.</param>
    public sealed record TraceRequest(Guid? AgencyId, string? Text, string? Code);

    public static IEndpointRouteBuilder MapLeakTraceApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapAdminGroup("/api/admin");
        admin.MapPost("/leaks/trace", async (TraceRequest request, HttpContext ctx, LeakTracer tracer) =>
        {
            var agency = request.AgencyId ?? throw GoChatException.Invalid("agencyId is required.");
            TextRules.RequireStorable(request.Text, "The text");
            if (request.Code is { Length: > 0 } code)
            {
                if (!DeliveryCodes.TryParse(code, out var mark)) throw GoChatException.Invalid("A delivery code is 20 letters and digits, as the overlay shows it.");
                return await tracer.Trace(ctx.User.UserId(), agency, [mark], "code");
            }
            if (string.IsNullOrEmpty(request.Text)) throw GoChatException.Invalid("Give the leaked text or the code on the copy.");
            return await tracer.Trace(ctx.User.UserId(), agency, TextWatermark.DecodedMarks(request.Text), "text");
        }).WithName("TraceLeak");

        // A leaked picture or a screenshot as the raw body: its invisible mark is read (the overlay's code, if legible, goes in "code" above).
        admin.MapPost("/leaks/trace/image/{agencyId}", async (Guid agencyId, HttpContext ctx, LeakTracer tracer, ImageMarking images) =>
        {
            var agency = agencyId;
            var picture = await ReadPicture(ctx);
            IReadOnlyList<GoChat.Broadcasts.Marks.DeliveryMark> marks;
            try
            {
                marks = images.Read(picture);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or InvalidDataException)
            {
                throw new GoChatException(ErrorCodes.UnsupportedImage, "That is not a JPEG or PNG picture.");
            }
            return await tracer.Trace(ctx.User.UserId(), agency, marks, "image");
        }).WithName("TraceLeakedImage");
        return app;
    }

    private static async Task<byte[]> ReadPicture(HttpContext ctx)
    {
        const long max = ImageMarking.MaxBytes;
        var tooLarge = new GoChatException(ErrorCodes.PhotoTooLarge, $"A picture to trace is at most {max / (1024 * 1024)} MB.");
        if (ctx.Request.ContentLength > max) throw tooLarge;
        if (ctx.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = max + 1;
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await ctx.Request.Body.ReadAsync(chunk, ctx.RequestAborted)) > 0)
        {
            if (buffer.Length + read > max) throw tooLarge;
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) throw GoChatException.Invalid("Send the picture as the request body.");
        return buffer.ToArray();
    }
}
