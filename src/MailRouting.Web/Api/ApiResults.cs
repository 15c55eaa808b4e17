using System.Text.Json;

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

    public static IResult NotFound(string what) => Problem(StatusCodes.Status404NotFound, "Not found", $"{what} does not exist.");
}
