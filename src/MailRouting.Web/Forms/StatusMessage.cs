using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace MailRouting.Web.Forms;

/// <summary>
/// The one-line message a page shows after a redirect (post/redirect/get). It travels in the TempData cookie, so it is cut to
/// <see cref="MaxLength"/> characters: a long text (every recipient of a large message) would make every later request too big.
/// </summary>
public static class StatusMessage
{
    public const string TextKey = "StatusMessage";
    public const string KindKey = "StatusKind";
    public const string Error = "error";
    public const string UnderWayKind = "under-way";
    public const int MaxLength = 300;

    public static void Success(this ITempDataDictionary tempData, string text) => tempData[TextKey] = Short(text);

    public static void Failure(this ITempDataDictionary tempData, string text)
    {
        tempData[TextKey] = Short(text);
        tempData[KindKey] = Error;
    }

    /// <summary>A message about work still under way ("queued"): the next page drops it once that work is done, live or on reload.</summary>
    public static void UnderWay(this ITempDataDictionary tempData, string text)
    {
        tempData[TextKey] = Short(text);
        tempData[KindKey] = UnderWayKind;
    }

    /// <summary>The work is done: a message saying it is under way would now be wrong.</summary>
    public static void DropUnderWay(this ITempDataDictionary tempData)
    {
        if (tempData.Peek(KindKey) as string == UnderWayKind)
        {
            tempData.Remove(TextKey);
            tempData.Remove(KindKey);
        }
    }

    private static string Short(string text) => text.Length <= MaxLength ? text : text[..(MaxLength - 1)] + "…";

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
