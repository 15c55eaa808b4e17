using System.Text.RegularExpressions;

namespace MailRouting.Bounces.Parsing;

/// <summary>
/// Gmail's text: "Your message wasn't delivered to x@example.com because …" and "The response from the remote server
/// was: 550 5.1.1 …", or its older "Delivery to the following recipient failed permanently:" (or "has been delayed:")
/// with "Technical details of permanent failure: … The error that the other server returned was: 550-5.1.1 …".
/// </summary>
public static partial class GmailBounces
{
    public static IReadOnlyList<BouncedRecipient>? Read(string text)
    {
        if (Address().Match(text) is not { Success: true } address)
        {
            return null;
        }

        var delayed = text.Contains("has been delayed", StringComparison.OrdinalIgnoreCase)
            || text.Contains("Delivery incomplete", StringComparison.OrdinalIgnoreCase);
        var reply = Reply().Match(text) is { Success: true } said ? said.Groups[1].Value : null;
        return [BounceText.Recipient(address.Groups["address"].Value, reply, delayed, null)];
    }

    [GeneratedRegex(@"(?:wasn't delivered to|Delivery to the following recipients? "
        + @"(?:failed permanently|has been delayed):)\s*<?(?<address>[^\s<>@]+@[^\s<>]+?)>?(?:\s|$)",
        RegexOptions.None, matchTimeoutMilliseconds: 200)]
    private static partial Regex Address();

    [GeneratedRegex(@"(?:The response (?:from the remote server )?was|The error that the other server returned was):"
        + @"\s*([245]\d\d[ -][^\r\n]+)",
        RegexOptions.None, matchTimeoutMilliseconds: 200)]
    private static partial Regex Reply();
}
