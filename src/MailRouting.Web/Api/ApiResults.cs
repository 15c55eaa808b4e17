using System.Text.Json;
using MailRouting.ConnectionTests;
using MailRouting.Resolution;
using MailRouting.Validation;

namespace MailRouting.Web.Api;

internal static class ApiResults
{
    /// <summary>RFC 7807 problem details for every way a change can be refused.</summary>
    public static IResult From<T>(Change<T> change, Func<T, IResult> done)
        where T : class => change.Outcome switch
    {
        ChangeOutcome.Done => done(change.Value!),
        ChangeOutcome.Invalid => TypedResults.ValidationProblem(
            change.Errors!.ToDictionary(e => JsonNamingPolicy.CamelCase.ConvertName(e.Key), e => e.Value), change.Message, title: "The request has invalid fields."),
        ChangeOutcome.NotFound => Problem(StatusCodes.Status404NotFound, "Not found", change.Message),
        ChangeOutcome.Conflict => Problem(StatusCodes.Status409Conflict, "Edit conflict", change.Message),
        _ => Problem(StatusCodes.Status409Conflict, "Refused", change.Message),
    };

    public static IResult Problem(int status, string title, string? detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title);

    /// <summary>
    /// A connection test's report, or 422 with the resolution failure when the sender cannot send at all.
    /// </summary>
    public static IResult From(SenderTestResult result)
        => result.Report is { } report ? TypedResults.Ok(report) : CannotSend(result.Failure!);

    /// <summary>
    /// 422 with the resolution failure: the sender cannot send at all (or a recipient is suppressed), and why.
    /// </summary>
    /// <param name="index">In a batch, which message it is.</param>
    public static IResult CannotSend(ResolutionFailure failure, int? index = null)
    {
        var extensions = new Dictionary<string, object?>
        {
            ["code"] = failure.Code, ["fix"] = failure.Fix, ["steps"] = failure.Steps,
        };
        if (index is not null)
        {
            extensions["index"] = index;
        }

        var title = failure.Code == FailureCodes.RecipientSuppressed
            ? "A recipient is suppressed"
            : "This sender cannot send";
        return TypedResults.Problem(failure.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: title,
            extensions: extensions);
    }

    public static IResult? InvalidRecipient(string? recipient) =>
        string.IsNullOrWhiteSpace(recipient) || EmailAddresses.IsValid(recipient.Trim())
            ? null
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["recipient"] = [$"'{recipient.Trim()}' is not a valid email address."] });

    /// <summary>
    /// 429: the user reached the limit of sign-ins they may have the app try; the detail says when they may again.
    /// </summary>
    public static IResult TooManyAttempts(string detail) => Problem(StatusCodes.Status429TooManyRequests, "Too many sign-in attempts", detail);

    public static IResult NotFound(string what) => Problem(StatusCodes.Status404NotFound, "Not found", $"{what} does not exist.");
}
