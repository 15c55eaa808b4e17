using MailRouting.Outbox.Intake;


namespace MailRouting.Web.Pages.Compose;

/// <summary>
/// The one body Compose has, as the parts a message carries: plain text as typed, or formatted HTML with a plain-text
/// version made from it.
/// </summary>
public static class ComposedBody
{
    public static (string? Text, string? Html) Parts(string? body, bool formatted) =>
        formatted && !string.IsNullOrWhiteSpace(body) ? (HtmlPlainText.Of(body), body) : (body, null);
}
