using System.Text.RegularExpressions;

namespace MailRouting.Bounces.Parsing;

/// <summary>
/// Postfix's text when its delivery status part is missing (forwarded, or stripped on the way): "This is the mail
/// system at host …", then "&lt;address&gt;: host mx.example.com[192.0.2.1] said: 550 5.1.1 … (in reply to RCPT TO
/// command)".
/// </summary>
public static partial class PostfixBounces
{
    public static IReadOnlyList<BouncedRecipient>? Read(string text)
    {
        if (!text.Contains("This is the mail system at host", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var delayed = text.Contains("delayed", StringComparison.OrdinalIgnoreCase)
            && text.Contains("will keep trying", StringComparison.OrdinalIgnoreCase);
        return [.. Blocks().Matches(text).Select(block =>
        {
            var reason = block.Groups["reason"].Value;
            var host = Host().Match(reason);
            return BounceText.Recipient(block.Groups["address"].Value,
                host.Success ? host.Groups["reply"].Value : reason,
                delayed, host.Success ? host.Groups["host"].Value : null);
        })];
    }

    [GeneratedRegex(@"^<(?<address>[^<>\s]+@[^<>\s]+)>:[ \t]+(?<reason>[^\r\n]+(?:\r?\n[ \t]+[^\r\n]+)*)",
        RegexOptions.Multiline,
        matchTimeoutMilliseconds: 200)]
    private static partial Regex Blocks();

    [GeneratedRegex(@"host (?<host>[^\s\[]+)(?:\[[^\]]*\])? said:\s*(?<reply>.+?)(?:\s*\(in reply to [^)]*\))?\s*$",
        RegexOptions.Singleline, matchTimeoutMilliseconds: 100)]
    private static partial Regex Host();
}
