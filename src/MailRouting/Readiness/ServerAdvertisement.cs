namespace MailRouting.Readiness;

/// <summary>
/// What one SMTP server advertised after EHLO, without signing in: the sign-in mechanisms it offers, or why it was not
/// reached.
/// </summary>
/// <param name="Mechanisms">
/// The SASL mechanisms of its AUTH line; empty when it advertised none; null when not reached.
/// </param>
public sealed record ServerAdvertisement(int ServerId, string ServerName, string Host, int Port,
    IReadOnlyList<string>? Mechanisms, bool OffersOAuth2, string Summary);
