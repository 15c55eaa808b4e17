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
}
