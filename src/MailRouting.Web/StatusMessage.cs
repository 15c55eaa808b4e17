using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace MailRouting.Web;

/// <summary>The one-line message a page shows after a redirect (post/redirect/get).</summary>
public static class StatusMessage
{
    public const string TextKey = "StatusMessage";
    public const string KindKey = "StatusKind";
    public const string Error = "error";

    public static void Success(this ITempDataDictionary tempData, string text) => tempData[TextKey] = text;

    public static void Failure(this ITempDataDictionary tempData, string text)
    {
        tempData[TextKey] = text;
        tempData[KindKey] = Error;
    }

    /// <summary>The outcome of a change as the next page's message: the success text, or why it was refused.</summary>
    public static void Report<T>(this ITempDataDictionary tempData, Change<T> change, Func<T, string> success)
        where T : class
    {
        if (change.Outcome == ChangeOutcome.Done)
        {
            tempData.Success(success(change.Value!));
        }
        else
        {
            tempData.Failure(change.Message ?? "Nothing was changed.");
        }
    }
}
