using GoChat.GrainInterfaces;

namespace GoChat.Gateway.Api;

/// <summary>
/// The public check (issue 16): anyone, signed in or not, pastes a forwarded TERBUKA broadcast and learns whether it is
/// genuine, from which agency and when. Rate-limited per address like sign-in, since it needs no account.
/// </summary>
public static class SemakEndpoints
{
    public sealed record SemakRequest(string? Text);

    public static IEndpointRouteBuilder MapSemakApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/semak", (SemakRequest request, IGrainFactory grains) =>
        {
            if (string.IsNullOrWhiteSpace(request.Text)) throw GoChatException.Invalid("Paste the text of the broadcast.");
            TextRules.RequireStorable(request.Text, "The text");
            // A broadcast holds at most MaxTextLength characters; a forward may add spacing, not twice as much.
            if (request.Text.Length > Limits.MaxTextLength * 2) throw new GoChatException(ErrorCodes.TextTooLong, "That is longer than any broadcast.");
            return grains.GetGrain<IBroadcastCheckGrain>(0).Check(request.Text);
        }).AllowAnonymous().RequireRateLimiting(AuthEndpoints.RateLimitPolicy).WithTags("Semak").WithName("CheckBroadcast");
        return app;
    }
}
