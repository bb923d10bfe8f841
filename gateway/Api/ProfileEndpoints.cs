using GoChat.GrainInterfaces;
using GoChat.Gateway.Auth;
using GoChat.Gateway.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GoChat.Gateway.Api;

/// <summary>Profile cards, settings, profile pictures and the contact directory (Akses Kontak) over REST; the hub offers the same.</summary>
public static class ProfileEndpoints
{
    public static IEndpointRouteBuilder MapProfileApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me").WithTags("Me").RequireAuthorization();
        me.MapGet("/profile", (HttpContext ctx, IGrainFactory grains) => My(ctx, grains).GetCard(ctx.User.UserId())).WithName("GetMyProfile");
        me.MapPut("/profile", (ProfileUpdate update, HttpContext ctx, IGrainFactory grains) => My(ctx, grains).UpdateProfile(update)).WithName("UpdateMyProfile");
        me.MapGet("/settings", (HttpContext ctx, IGrainFactory grains) => My(ctx, grains).GetSettings()).WithName("GetMySettings");
        me.MapPut("/settings", (UserSettings settings, HttpContext ctx, IGrainFactory grains) => My(ctx, grains).UpdateSettings(settings)).WithName("UpdateMySettings");
        // No Accepts() metadata: routing would answer a wrong type with its own 415 that lacks GoChat's error code.
        me.MapPut("/photo", SetPhoto).WithName("SetMyPhoto").RateLimited(nameof(RateLimiters.Uploads))
            .WithDescription("The body is the picture itself (PNG, JPEG or WebP, at most 1 MB) with its Content-Type.");
        me.MapDelete("/photo", (HttpContext ctx, IGrainFactory grains) => My(ctx, grains).RemovePhoto()).WithName("RemoveMyPhoto");

        var users = app.MapGroup("/api/users").WithTags("Directory").RequireAuthorization();
        users.MapGet("/{userId}", (Guid userId, HttpContext ctx, IGrainFactory grains) =>
            grains.GetGrain<IProfileGrain>(userId).GetCard(ctx.User.UserId())).WithName("GetProfileCard").RateLimited(nameof(RateLimiters.DirectoryReads));
        users.MapGet("/{userId}/photo", GetPhoto).WithName("GetProfilePhoto");

        app.MapGet("/api/directory", (string? q, Guid? agencyId, string? department, string? position, int? limit, int? offset,
                HttpContext ctx, IGrainFactory grains) =>
            grains.GetGrain<IDirectoryGrain>(0).Search(ctx.User.UserId(), new DirectoryQuery(q, agencyId, department, position, limit ?? 50, offset ?? 0)))
            .WithTags("Directory").WithName("SearchDirectory").RequireAuthorization().RateLimited(nameof(RateLimiters.Searches));
        return app;
    }

    /// <summary>The raw image is the body, its type the Content-Type; the grain checks that the bytes are what the type says.</summary>
    private static async Task<Ok<UserProfile>> SetPhoto(HttpContext ctx, IGrainFactory grains) =>
        TypedResults.Ok(await My(ctx, grains).SetPhoto(ctx.Request.ContentType ?? "", await PictureBody.Read(ctx, "A profile picture")));

    private static async Task<IResult> GetPhoto(Guid userId, HttpContext ctx, IGrainFactory grains)
    {
        var photo = await grains.GetGrain<IProfileGrain>(userId).GetPhoto(ctx.User.UserId())
            ?? throw new GoChatException(ErrorCodes.UserNotFound, "This person has no profile picture.");
        return PictureBody.File(ctx, photo);
    }

    private static IProfileGrain My(HttpContext ctx, IGrainFactory grains) => grains.GetGrain<IProfileGrain>(ctx.User.UserId());
}
