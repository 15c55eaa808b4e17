using System.Globalization;
using MailRouting.Bounces.Parsing;
using MailRouting.Diagnostics;

namespace MailRouting.Bounces;

/// <summary>A bounce in words: what the receiving side said, and what it means from the diagnostics catalog.</summary>
public static class BounceWording
{
    /// <summary>The reply when the bounce gives one ("550 5.1.1 … User unknown"), else the status.</summary>
    public static string Said(Bounce bounce) =>
        bounce.Reply ?? (bounce.Status.Length > 0 ? bounce.Status : "no reason given");

    /// <summary>"Bounced (hard): 550 5.1.1 … at mx.example.com" or "Delayed (soft): 4.4.7 …".</summary>
    public static string Summary(Bounce bounce)
    {
        var what = bounce.Kind switch
        {
            BounceKind.Hard => "Bounced (hard)",
            BounceKind.Soft => "Bounced (soft)",
            BounceKind.Delayed => "Delayed (soft)",
            _ => "Bounced",
        };
        var said = Said(bounce);
        var status = bounce.Status.Length > 0 && !said.Contains(bounce.Status, StringComparison.Ordinal)
            ? bounce.Status + " " : "";
        return $"{what}: {status}{said}" + (bounce.ReportedBy is { } where ? $" at {where}" : "");
    }

    /// <summary>The catalog's explanation of the reply, read as an SMTP answer of the status's class.</summary>
    public static Diagnostic Meaning(Bounce bounce)
    {
        var text = Said(bounce);
        var code = text.Length >= 3
            && int.TryParse(text[..3], NumberStyles.None, CultureInfo.InvariantCulture, out var given)
            ? given : bounce.Status.StartsWith('4') ? 450 : 550;
        var reply = text.Length >= 3 && char.IsDigit(text[0]) ? text[3..].TrimStart(' ', '-')
            : $"{bounce.Status} {text}";
        return SmtpReplyDiagnostics.Explain(code, reply);
    }
}
