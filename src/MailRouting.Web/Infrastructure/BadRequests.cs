namespace MailRouting.Web.Infrastructure;

/// <summary>
/// A request that cannot be read (broken JSON, a value of the wrong type, a body that is not JSON, one too large) is the
/// client's mistake: it is answered with problem details and one Information line, not logged as an error of ours with
/// a stack trace. What the client sent is logged only as escaped properties.
/// </summary>
public sealed class BadRequests(RequestDelegate next, IProblemDetailsService problems, ILogger<BadRequests> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException bad) when (!context.Response.HasStarted)
        {
            var reason = bad.InnerException?.Message ?? bad.Message;
            logger.LogInformation("Refused {Method} {Path}: {Status}, the request could not be read ({Reason})", context.Request.Method, context.Request.Path.Value,
                bad.StatusCode, reason);
            context.Response.Clear();
            context.Response.StatusCode = bad.StatusCode;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = bad.StatusCode, Title = "The request could not be read.", Detail = reason },
            });
        }
    }
}
