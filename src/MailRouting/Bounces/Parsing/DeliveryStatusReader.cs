using System.Text.RegularExpressions;
using MimeKit;

namespace MailRouting.Bounces.Parsing;

/// <summary>
/// Reads an RFC 3464 delivery status notification: one field group per recipient (Final-Recipient, Action, Status,
/// Diagnostic-Code, Remote-MTA) after the group about the whole message (Reporting-MTA).
/// </summary>
public static partial class DeliveryStatusReader
{
    /// <returns>
    /// The recipients that failed or are delayed; empty for a report of deliveries only; null when the message has no
    /// delivery status part.
    /// </returns>
    public static IReadOnlyList<BouncedRecipient>? Read(MimeMessage message)
    {
        if (message.BodyParts.OfType<MessageDeliveryStatus>().FirstOrDefault() is not { } report)
        {
            return null;
        }

        var groups = report.StatusGroups;
        var reporter = groups.Count > 0 ? Value(groups[0]["Reporting-MTA"]) : null;
        var recipients = new List<BouncedRecipient>();
        foreach (var fields in groups.Skip(1))
        {
            if ((Value(fields["Final-Recipient"]) ?? Value(fields["Original-Recipient"])) is not { } address)
            {
                continue;
            }

            var action = fields["Action"]?.Trim();
            var reply = Value(fields["Diagnostic-Code"]);
            var status = fields["Status"] is { } given && StatusCode().Match(given) is { Success: true } code
                ? code.Value
                : BounceStatus.FromReply(reply, !"delayed".Equals(action, StringComparison.OrdinalIgnoreCase));
            if (BounceStatus.Classify(status, action) is { } kind)
            {
                recipients.Add(new BouncedRecipient(address.Trim('<', '>'), kind, status, reply,
                    Value(fields["Remote-MTA"]) ?? reporter));
            }
        }

        return recipients;
    }

    /// <summary>"rfc822; x@example.com" as x@example.com, "smtp; 550 …" as "550 …", folded lines joined.</summary>
    private static string? Value(string? field)
    {
        if (string.IsNullOrWhiteSpace(field))
        {
            return null;
        }

        var value = field.IndexOf(';', StringComparison.Ordinal) is var type and >= 0 ? field[(type + 1)..] : field;
        return BounceText.Collapse(value) is { Length: > 0 } joined ? joined : null;
    }

    [GeneratedRegex(@"[245]\.\d{1,3}\.\d{1,3}", RegexOptions.None, matchTimeoutMilliseconds: 100)]
    private static partial Regex StatusCode();
}
