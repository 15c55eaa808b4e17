namespace MailRouting.Readiness;

/// <summary>Whether a sign-in will still send after Microsoft's and Google's changes to SMTP sign-in.</summary>
public enum ReadinessVerdict
{
    /// <summary>Through an API or OAuth2 the provider keeps: nothing to do.</summary>
    Ready,

    /// <summary>OAuth2 over SMTP to Microsoft 365: works while the tenant allows SMTP AUTH.</summary>
    WhileSmtpAuthAllowed,

    /// <summary>A password over SMTP to a provider that is ending it.</summary>
    AtRisk,

    /// <summary>Already refused: the last send or test was answered "SMTP AUTH is off" (5.7.139, 5.7.30).</summary>
    Refused,

    /// <summary>Not Microsoft 365 or Google: their changes do not touch it.</summary>
    NotAffected,
}
