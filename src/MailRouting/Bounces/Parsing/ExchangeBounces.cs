using System.Text.RegularExpressions;

namespace MailRouting.Bounces.Parsing;

/// <summary>
/// A Microsoft 365 or Exchange non-delivery report read from its text: under "Diagnostic information for
/// administrators" each address is followed by "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; …'"
/// (older Exchange: "#550 5.1.1 … ##"), and "Generating server:" names the server.
/// </summary>
public static partial class ExchangeBounces
{
    public static IReadOnlyList<BouncedRecipient>? Read(string text)
    {
        if (!text.Contains("Remote Server returned", StringComparison.OrdinalIgnoreCase)
            && !text.Contains("Delivery has failed to these recipients", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var server = GeneratingServer().Match(text) is { Success: true } generating ? generating.Groups[1].Value : null;
        var delayed = text.Contains("Delivery is delayed", StringComparison.OrdinalIgnoreCase);
        return [.. Returned().Matches(text).Select(match =>
            BounceText.Recipient(match.Groups["address"].Value, match.Groups["reply"].Value, delayed, server))];
    }

    [GeneratedRegex(@"^[ \t]*<?(?<address>[^\s<>@]+@[^\s<>]+?)>?[ \t]*\r?\n[ \t]*"
        + @"(?:Remote Server returned '(?<reply>[^'\r\n]+)'|#(?<reply>[245]\d\d [^#\r\n]+?)[ \t]*##)",
        RegexOptions.Multiline, matchTimeoutMilliseconds: 200)]
    private static partial Regex Returned();

    [GeneratedRegex(@"Generating server:\s*(\S+)", RegexOptions.None, matchTimeoutMilliseconds: 100)]
    private static partial Regex GeneratingServer();
}
