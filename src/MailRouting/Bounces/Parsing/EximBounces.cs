using System.Text.RegularExpressions;
using MimeKit;

namespace MailRouting.Bounces.Parsing;

/// <summary>
/// Exim's text bounce ("This message was created automatically by mail delivery software."): each failed address
/// indented by two spaces, the host and the remote server's reply indented below it; X-Failed-Recipients in the
/// headers. Its delay warning says the message "has not yet been delivered".
/// </summary>
public static partial class EximBounces
{
    public static IReadOnlyList<BouncedRecipient>? Read(string text, HeaderList headers)
    {
        if (!text.Contains("created automatically by mail delivery software", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var report = text.Split("------ This is a copy of the message", 2)[0];
        var delayed = report.Contains("has not yet been delivered", StringComparison.OrdinalIgnoreCase);
        var recipients = Blocks().Matches(report).Select(block =>
        {
            var reason = block.Groups["reason"].Value;
            return BounceText.Recipient(block.Groups["address"].Value,
                Reply().Match(reason) is { Success: true } reply ? reply.Value : reason, delayed,
                Host().Match(reason) is { Success: true } host ? host.Groups[1].Value : null);
        }).ToList();
        var failed = (headers["X-Failed-Recipients"] ?? "").Split(',',
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        recipients.AddRange(failed
            .Where(address => !recipients.Any(r => r.Address.Equals(address, StringComparison.OrdinalIgnoreCase)))
            .Select(address => BounceText.Recipient(address, null, delayed, null)));
        return recipients;
    }

    [GeneratedRegex(@"^  (?<address>[^\s@<>]+@[^\s<>]+)[ \t]*\r?\n(?<reason>(?:[ \t]{3,}[^\r\n]*(?:\r?\n|$))+)",
        RegexOptions.Multiline, matchTimeoutMilliseconds: 200)]
    private static partial Regex Blocks();

    [GeneratedRegex(@"(?<=^|\n)[ \t]*[245]\d\d[ -][^\r\n]+", RegexOptions.None, matchTimeoutMilliseconds: 100)]
    private static partial Regex Reply();

    [GeneratedRegex(@"host ([^\s\[]+)", RegexOptions.None, matchTimeoutMilliseconds: 100)]
    private static partial Regex Host();
}
