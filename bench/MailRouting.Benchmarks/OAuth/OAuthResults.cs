using MailRouting.Benchmarks.Pipeline;

namespace MailRouting.Benchmarks.OAuth;

/// <summary>
/// The raw results of the OAuth2 part: each contender's rate per round, and what the XOAUTH2 rounds asked of the
/// provider.
/// </summary>
/// <param name="TokenRequests">Requests to the token endpoint during the measured rounds.</param>
/// <param name="OAuthMessages">Messages the XOAUTH2 rounds sent.</param>
/// <param name="OAuthSessions">
/// SMTP sessions the XOAUTH2 rounds opened (each signs in once, and Dovecot introspects its token once).
/// </param>
/// <param name="PasswordSessions">SMTP sessions the password rounds opened.</param>
public sealed record OAuthResults(Results.Measurement Measurement, IReadOnlyList<PipelineBench.Result> Contenders,
    int TokenRequests, int OAuthMessages, int OAuthSessions, int PasswordSessions);
