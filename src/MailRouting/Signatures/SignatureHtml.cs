using Ganss.Xss;

namespace MailRouting.Signatures;

/// <summary>
/// Cleans a signature's HTML with HtmlSanitizer (maintained, allow-list based): formatting, links and images by http(s) URL
/// stay; scripts, event handlers, forms, frames and other schemes go.
/// </summary>
public static class SignatureHtml
{
    private static readonly HtmlSanitizer Sanitizer = Create();

    public static string Clean(string html) => Sanitizer.Sanitize(html);

    private static HtmlSanitizer Create()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto", "tel" })
        {
            sanitizer.AllowedSchemes.Add(scheme);
        }

        sanitizer.AllowDataAttributes = false;
        return sanitizer;
    }
}
