using Ganss.Xss;

namespace MailRouting.Signatures;

/// <summary>
/// Cleans a signature's HTML with HtmlSanitizer (maintained, allow-list based) down to what a signature needs: text
/// formatting, tables for layout, links, and images by http(s) URL or inline (cid: or data:image). Scripts, event
/// handlers, forms and their fields, frames, media and other schemes go, and the caller is told what went.
/// </summary>
public static class SignatureHtml
{
    private static readonly string[] Tags =
    [
        "a", "abbr", "b", "big", "blockquote", "br", "caption", "center", "cite", "code", "col", "colgroup", "dd", "del", "div", "dl", "dt", "em", "font",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strike", "strong",
        "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
    ];

    private static readonly string[] Schemes = ["http", "https", "mailto", "tel", "cid", "data"];

    /// <returns>The clean HTML, and what was taken out of it ("the tag form", "the attribute onclick").</returns>
    public static (string Html, IReadOnlyList<string> Removed) Clean(string html)
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(Tags, StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(Schemes, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = HtmlSanitizerDefaults.AllowedAttributes,
            UriAttributes = HtmlSanitizerDefaults.UriAttributes,
            AllowedCssProperties = HtmlSanitizerDefaults.AllowedCssProperties,
            AllowedAtRules = HtmlSanitizerDefaults.AllowedAtRules,
        });
        var removed = new SortedSet<string>(StringComparer.Ordinal);
        sanitizer.RemovingTag += (_, e) => removed.Add($"the tag {e.Tag.TagName.ToLowerInvariant()}");
        sanitizer.RemovingAttribute += (_, e) => removed.Add($"the attribute {e.Attribute.Name.ToLowerInvariant()}");
        sanitizer.RemovingStyle += (_, e) => removed.Add($"the style {e.Style.Name}");
        sanitizer.RemovingComment += (_, _) => removed.Add("comments");
        // data: only for an inline image, never a document or a script.
        sanitizer.FilterUrl += (_, e) =>
        {
            if (e.OriginalUrl.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
                && !(e.Tag.TagName.Equals("img", StringComparison.OrdinalIgnoreCase) && e.OriginalUrl.StartsWith("data:image/", StringComparison.OrdinalIgnoreCase)))
            {
                e.SanitizedUrl = null;
            }
        };
        var clean = sanitizer.Sanitize(html);
        return (clean, [.. removed]);
    }
}
