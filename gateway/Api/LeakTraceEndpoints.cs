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
        return app;
    }
}
