using MailRouting.Servers;

namespace MailRouting.Readiness;

/// <summary>
/// Judges one sign-in against the providers' changes: Microsoft 365 turns Basic authentication for SMTP off by default
/// for existing tenants at the end of December 2026 and removes it in the second half of 2027 (tenants may switch SMTP
/// AUTH off altogether, which refuses XOAUTH2 too); Google accepts no plain password, only app passwords or OAuth2.
/// </summary>
public static class ReadinessRules
{
    public const string MicrosoftBasicAuthEnds = "the end of December 2026";

    public sealed record Judgement(ReadinessVerdict Verdict, string Provider, string Reason, string Fix);

    /// <param name="refused">The last send or test through this sign-in was refused with "SMTP AUTH is off".</param>
    public static Judgement Judge(string host, ServerTransport transport, SmtpAuthMethod auth, bool refused)
    {
        var provider = ProviderOf(host, transport);
        return (provider, transport, auth) switch
        {
            (_, ServerTransport.MicrosoftGraph, _) => new(ReadinessVerdict.Ready, provider,
                "Sends through Microsoft Graph, which the change to SMTP sign-in does not touch.", "Nothing to do."),
            (_, ServerTransport.GmailApi, _) => new(ReadinessVerdict.Ready, provider,
                "Sends through the Gmail API with OAuth2.", "Nothing to do."),
            ("Microsoft 365", _, _) when refused => new(ReadinessVerdict.Refused, provider,
                "The tenant refused SMTP sign-in at the last send or test (SMTP AUTH is switched off).",
                "Move it to a Microsoft Graph server; XOAUTH2 over SMTP is refused as well while SMTP AUTH is off."),
            ("Microsoft 365", _, SmtpAuthMethod.OAuth2 or SmtpAuthMethod.OAuth2App) =>
                new(ReadinessVerdict.WhileSmtpAuthAllowed, provider,
                "Signs in to Microsoft 365 over SMTP with OAuth2 (XOAUTH2): it works while the tenant allows SMTP "
                    + "AUTH.",
                "Move it to Microsoft Graph if the tenant switches SMTP AUTH off, or now to be independent of it."),
            ("Microsoft 365", _, SmtpAuthMethod.None) => new(ReadinessVerdict.NotAffected, provider,
                "Sends to Microsoft 365 without signing in (a connector or direct send), which the change does not "
                    + "touch.",
                "Nothing to do."),
            ("Microsoft 365", _, _) => new(ReadinessVerdict.AtRisk, provider,
                $"Signs in to Microsoft 365 with a password over SMTP (Basic authentication), which Microsoft turns "
                    + $"off by default at {MicrosoftBasicAuthEnds} and removes in the second half of 2027.",
                "Move it to a Microsoft Graph server (or to OAuth2 over SMTP while the tenant allows SMTP AUTH)."),
            ("Google", _, SmtpAuthMethod.OAuth2) => new(ReadinessVerdict.Ready, provider,
                "Signs in to Google over SMTP with OAuth2, which Google keeps.", "Nothing to do."),
            ("Google", _, _) => new(ReadinessVerdict.AtRisk, provider,
                "Signs in to Google with a password over SMTP: Google takes only app passwords (with 2-Step "
                    + "Verification), which an admin or Google may switch off.",
                "Move it to OAuth2 with a connected mailbox, over SMTP or through the Gmail API."),
            _ => new(ReadinessVerdict.NotAffected, provider, "Not a Microsoft 365 or Google server: their changes do "
                + "not touch it.",
                "Nothing to do."),
        };
    }

    /// <summary>
    /// The provider a host belongs to, by the host names Microsoft and Google give their SMTP and API services.
    /// </summary>
    public static string ProviderOf(string host, ServerTransport transport) => transport switch
    {
        ServerTransport.MicrosoftGraph => "Microsoft 365",
        ServerTransport.GmailApi => "Google",
        _ when EndsWithAny(host, "office365.com", "outlook.com", "office.com", "protection.outlook.com") =>
            "Microsoft 365",
        _ when EndsWithAny(host, "gmail.com", "googlemail.com", "google.com") => "Google",
        _ => "Other",
    };

    private static bool EndsWithAny(string host, params string[] domains) =>
        domains.Any(d => host.Equals(d, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + d,
            StringComparison.OrdinalIgnoreCase));
}
