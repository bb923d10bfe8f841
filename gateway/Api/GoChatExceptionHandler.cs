using GoChat.GrainInterfaces;
using Microsoft.AspNetCore.Diagnostics;

namespace GoChat.Gateway.Api;

/// <summary>Every refusal from a grain becomes RFC 7807 problem details carrying GoChat's error code.</summary>
public sealed class GoChatExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not GoChatException error) return false;
        context.Response.StatusCode = StatusFor(error.Code);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = context.Response.StatusCode,
                Title = error.Message,
                Extensions = { ["code"] = error.Code },
            },
        });
    }

    public static int StatusFor(string code) => code switch
    {
        ErrorCodes.Unauthenticated or ErrorCodes.InvalidSession => StatusCodes.Status401Unauthorized,
        ErrorCodes.Forbidden or ErrorCodes.NotMember or ErrorCodes.PendingApproval or ErrorCodes.Suspended or ErrorCodes.Rejected => StatusCodes.Status403Forbidden,
        ErrorCodes.UserNotFound or ErrorCodes.ConversationNotFound or ErrorCodes.MessageNotFound or ErrorCodes.AgencyNotFound => StatusCodes.Status404NotFound,
        ErrorCodes.Conflict or ErrorCodes.AlreadyExists => StatusCodes.Status409Conflict,
        ErrorCodes.RateLimited or ErrorCodes.TooManyAttempts => StatusCodes.Status429TooManyRequests,
        ErrorCodes.Unavailable => StatusCodes.Status503ServiceUnavailable,
        ErrorCodes.PhotoTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorCodes.UnsupportedImage => StatusCodes.Status415UnsupportedMediaType,
        // Passkeys (issue 12, item 4)
        ErrorCodes.PasskeyRequired or ErrorCodes.PasskeyCloned => StatusCodes.Status403Forbidden,
        ErrorCodes.PasskeyNotFound => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status400BadRequest,
    };
}
