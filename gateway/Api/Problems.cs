namespace GoChat.Gateway.Api;

/// <summary>
/// Refusals written before any endpoint runs (middleware, authentication, authorization) still answer as problem
/// details with GoChat's code, exactly like the ones <see cref="GoChatExceptionHandler"/> writes for endpoints.
/// </summary>
public static class Problems
{
    public static ValueTask WriteProblem(this HttpContext context, int status, string title, string code)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = status,
                Title = title,
                Extensions = { ["code"] = code },
            },
        });
    }
}
