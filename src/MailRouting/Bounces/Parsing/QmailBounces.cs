using System.Text.RegularExpressions;

namespace MailRouting.Bounces.Parsing;

/// <summary>
/// qmail's failure notice: "Hi. This is the qmail-send program at …", then "&lt;address&gt;:" and the reason on the
/// lines below ("Sorry, no mailbox here by that name. (#5.1.1)"), then a copy of the message.
/// </summary>
public static partial class QmailBounces
{
    public static IReadOnlyList<BouncedRecipient>? Read(string text)
    {
        if (!text.Contains("qmail-send program", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var report = text.Split("--- Below this line is a copy of the message", 2)[0];
        var delayed = !report.Contains("permanent error", StringComparison.OrdinalIgnoreCase)
            && report.Contains("temporary", StringComparison.OrdinalIgnoreCase);
        return [.. Blocks().Matches(report).Select(block => BounceText.Recipient(block.Groups["address"].Value,
            RemoteReply().Match(block.Groups["reason"].Value) is { Success: true } remote ? remote.Groups[1].Value
                : block.Groups["reason"].Value, delayed, null))];
    }

    [GeneratedRegex(@"^<(?<address>[^<>\s]+@[^<>\s]+)>:[ \t]*\r?\n(?<reason>(?:[^\r\n]+\r?\n?)+)",
        RegexOptions.Multiline,
        matchTimeoutMilliseconds: 200)]
    private static partial Regex Blocks();

    [GeneratedRegex(@"Remote host said:\s*(.+)", RegexOptions.Singleline, matchTimeoutMilliseconds: 100)]
    private static partial Regex RemoteReply();
}
