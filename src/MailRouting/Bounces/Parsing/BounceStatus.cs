using System.Text.RegularExpressions;

namespace MailRouting.Bounces.Parsing;

/// <summary>
/// The enhanced status code of a bounced recipient (RFC 3463) and what it means for the address. Only codes that say
/// the address itself is dead are hard; everything else permanent (a full mailbox, policy, size) is soft, since the
/// same address may take the next message.
/// </summary>
public static partial class BounceStatus
{
    private static readonly string[] DeadAddress = ["5.1.0", "5.1.1", "5.1.2", "5.1.3", "5.1.6", "5.1.10", "5.2.1",
        "5.4.4"];

    private static readonly string[] UnknownUserPhrases =
    [
        "user unknown", "unknown user", "no such user", "does not exist", "no mailbox here", "recipient not found",
        "address not found", "couldn't be found", "unrouteable address", "mailbox unavailable", "invalid recipient",
    ];

    /// <returns>What the status means for the address; null when the recipient was delivered, relayed or
    /// expanded.</returns>
    public static BounceKind? Classify(string status, string? action)
    {
        if (action is { } said && !said.Equals("failed", StringComparison.OrdinalIgnoreCase))
        {
            return said.Equals("delayed", StringComparison.OrdinalIgnoreCase) ? BounceKind.Delayed : null;
        }

        return status.Length == 0 ? BounceKind.Unknown
            : status[0] == '2' ? null
            : status[0] == '5' && DeadAddress.Contains(status) ? BounceKind.Hard
            : status[0] is '4' or '5' ? BounceKind.Soft
            : BounceKind.Unknown;
    }

    /// <summary>
    /// The status a reply names ("550 5.1.1 …", qmail's "(#5.1.1)"); else 5.1.1 for the usual "user unknown" wordings,
    /// else the reply code's class (5.0.0, 4.0.0); else the class the bounce's wording gives.
    /// </summary>
    public static string FromReply(string? reply, bool permanent)
    {
        var text = reply ?? "";
        if (EnhancedCode().Match(text) is { Success: true } enhanced)
        {
            return enhanced.Groups[1].Value;
        }

        if (UnknownUserPhrases.Any(p => text.Contains(p, StringComparison.OrdinalIgnoreCase)))
        {
            return "5.1.1";
        }

        return ReplyCode().Match(text) is { Success: true } code ? $"{code.Groups[1].Value}.0.0"
            : permanent ? "5.0.0" : "4.0.0";
    }

    [GeneratedRegex(@"(?<![\d.])([245]\.\d{1,3}\.\d{1,3})(?![\d.])", RegexOptions.None,
        matchTimeoutMilliseconds: 100)]
    private static partial Regex EnhancedCode();

    [GeneratedRegex(@"\b([45])\d\d[ -]", RegexOptions.None, matchTimeoutMilliseconds: 100)]
    private static partial Regex ReplyCode();
}
