using System.Text;
using System.Text.RegularExpressions;
using MimeKit.Text;

namespace MailRouting.Outbox.Intake;

/// <summary>
/// The plain-text version of a formatted message, for mail programs that show only text: the words as a reader sees
/// them, paragraphs and line breaks kept, list items bulleted, each link followed by its address; scripts and styles
/// dropped.
/// </summary>
public static partial class HtmlPlainText
{
    private static readonly HashSet<HtmlTagId> Paragraphs =
        [HtmlTagId.P, HtmlTagId.H1, HtmlTagId.H2, HtmlTagId.H3, HtmlTagId.H4, HtmlTagId.H5, HtmlTagId.H6, HtmlTagId.Table, HtmlTagId.BlockQuote];

    private static readonly HashSet<HtmlTagId> Lines = [HtmlTagId.Div, HtmlTagId.TR, HtmlTagId.UL, HtmlTagId.OL];

    public static string Of(string html)
    {
        var text = new StringBuilder();
        var tokenizer = new HtmlTokenizer(new StringReader(html));
        var hidden = 0;
        (string? Href, int Start)? link = null;
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken { Id: HtmlTagId.Script or HtmlTagId.Style } tag:
                    hidden = Math.Max(0, hidden + (tag.IsEndTag ? -1 : 1));
                    break;
                case HtmlDataToken data when hidden == 0:
                    text.Append(Whitespace().Replace(data.Data, " "));
                    break;
                case HtmlTagToken { Id: HtmlTagId.Br }:
                    text.Append('\n');
                    break;
                case HtmlTagToken { Id: HtmlTagId.LI, IsEndTag: false }:
                    text.Append("\n• ");
                    break;
                case HtmlTagToken { Id: HtmlTagId.A, IsEndTag: false } tag:
                    link = (tag.Attributes.FirstOrDefault(a => a.Id == HtmlAttributeId.Href)?.Value, text.Length);
                    break;
                case HtmlTagToken { Id: HtmlTagId.A } when link is ({ } href, var start):
                    // The address follows the link's words, unless the words are the address.
                    if (text.ToString(start, text.Length - start).Trim() != href)
                    {
                        text.Append($" ({href})");
                    }

                    link = null;
                    break;
                case HtmlTagToken tag when Paragraphs.Contains(tag.Id):
                    text.Append("\n\n");
                    break;
                case HtmlTagToken tag when Lines.Contains(tag.Id):
                    text.Append('\n');
                    break;
            }
        }

        var lines = text.ToString().Split('\n').Select(line => line.Trim());
        return BlankLines().Replace(string.Join('\n', lines), "\n\n").Trim();
    }

    [GeneratedRegex(@"\s+", RegexOptions.None, 1000)]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\n{3,}", RegexOptions.None, 1000)]
    private static partial Regex BlankLines();
}
