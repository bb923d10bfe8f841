using GoChat.GrainInterfaces;
using Microsoft.AspNetCore.Diagnostics;

namespace GoChat.Gateway.Api;

/// <summary>
/// Every refusal becomes RFC 7807 problem details carrying GoChat's error code: a grain's <see cref="GoChatException"/>,
/// and a request the framework could not bind (not JSON, null, wrong types, unknown enum names, too deep, a query or
/// route value of the wrong type). The framework's own text names parameters and types, so it is never sent.
/// </summary>
public sealed class GoChatExceptionHandler(IProblemDetailsService problems, ILogger<GoChatExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>No GoChat request nests more than a few levels; 64 (the default) only costs the parser.</summary>
    public const int MaxJsonDepth = 16;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, title) = exception switch
        {
            GoChatException error => (StatusFor(error.Code), error.Code, error.Message),
            BadHttpRequestException { InnerException: LoneSurrogateException } => (StatusCodes.Status400BadRequest, ErrorCodes.InvalidText, "The text holds characters that cannot be stored."),
            BadHttpRequestException bad => Malformed(bad.StatusCode),
            _ => (0, null, null),
        };
        if (code is null) return false;
        if (exception is BadHttpRequestException) logger.LogInformation("Malformed request to {Path}: {Reason}", context.Request.Path, exception.Message);
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = status,
                Title = title,
                Extensions = { ["code"] = code },
            },
        });
    }

    private static (int, string, string) Malformed(int status) => status switch
    {
        StatusCodes.Status415UnsupportedMediaType => (status, ErrorCodes.UnsupportedMediaType, "This route takes a JSON body (Content-Type: application/json)."),
        StatusCodes.Status413PayloadTooLarge => (status, ErrorCodes.InvalidArgument, "The request body is too large."),
        _ => (StatusCodes.Status400BadRequest, ErrorCodes.InvalidArgument, "The request is malformed: check its JSON body and its query and route values."),
    };

    /// <summary>
    /// Answers that carry only a status (routing's own 415 when no JSON route takes the request's Content-Type,
    /// a body past the size bound, 404, 405) get problem details too, the 415 and 413 with GoChat's code.
    /// </summary>
    public static async Task WriteStatusPage(StatusCodeContext status)
    {
        var context = status.HttpContext;
        var problem = new ProblemDetailsContext { HttpContext = context, ProblemDetails = { Status = context.Response.StatusCode } };
        // 413: a JSON body past JsonBodyLimit's bound, which the body reader answers with a bare status.
        if (context.Response.StatusCode is StatusCodes.Status415UnsupportedMediaType or StatusCodes.Status413PayloadTooLarge)
        {
            var (_, code, title) = Malformed(context.Response.StatusCode);
            problem.ProblemDetails.Title = title;
            problem.ProblemDetails.Extensions["code"] = code;
        }
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await service.TryWriteAsync(problem)) await status.Next(context);
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
        // input (issue 12)
        ErrorCodes.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        // Sessions workstream (issue 12)
        ErrorCodes.OriginNotAllowed => StatusCodes.Status403Forbidden,
        // domains: a well-formed domain that policy refuses; a domain request that does not exist (or is not the caller's to see)
        ErrorCodes.DomainNotAllowed => StatusCodes.Status422UnprocessableEntity,
        ErrorCodes.DomainNotFound => StatusCodes.Status404NotFound,
        // Passkeys (issue 12, item 4)
        ErrorCodes.PasskeyRequired or ErrorCodes.PasskeyCloned => StatusCodes.Status403Forbidden,
        ErrorCodes.PasskeyNotFound => StatusCodes.Status404NotFound,
        // Web Push (issue 14): the agency has not opted in, or the platform has no VAPID keys
        ErrorCodes.PushNotAllowed => StatusCodes.Status403Forbidden,
        // Files (issue 15)
        ErrorCodes.FileTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorCodes.UploadNotFound or ErrorCodes.AttachmentNotFound => StatusCodes.Status404NotFound,
        ErrorCodes.UploadOffsetMismatch or ErrorCodes.UploadIncomplete or ErrorCodes.FileQuarantined => StatusCodes.Status409Conflict,
        ErrorCodes.TusVersionUnsupported => StatusCodes.Status412PreconditionFailed,
        ErrorCodes.FileTypeNotAllowed or ErrorCodes.FileTypeMismatch or ErrorCodes.FileInfected or ErrorCodes.FileUnscannable => StatusCodes.Status422UnprocessableEntity,
        ErrorCodes.LinkExpired or ErrorCodes.LinkInvalid or ErrorCodes.EncryptedFileNotAllowed => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status400BadRequest,
    };
}
