using System.Globalization;
using MailRouting.Diagnostics;

namespace MailRouting.Health;

/// <summary>
/// Logins with several messages waiting because the provider keeps limiting their rate, and logins that reached their
/// daily quota (their other messages wait without an attempt of their own, so one such message is enough).
/// </summary>
public sealed class ThrottledMailboxes(OutboxTrouble outbox) : ICredentialCheck
{
    /// <summary>Fewer waiting messages are ordinary back-off, not yet a pattern.</summary>
    public const int AtLeast = 3;

    private static readonly HashSet<string> LimitCodes =
        [nameof(DiagnosticCode.RateLimited), nameof(DiagnosticCode.DailyLimitReached)];

    public async Task<IEnumerable<CredentialWarning>> FindAsync(DateTime now, CancellationToken ct) =>
        (await outbox.LoginsAsync(held: false, LimitCodes, ct)).Where(login => login.Waiting >= AtLeast
            || login.LastAttempt.DiagnosticCode == nameof(DiagnosticCode.DailyLimitReached)).Select(login =>
        {
            var daily = login.LastAttempt.DiagnosticCode == nameof(DiagnosticCode.DailyLimitReached);
            return new CredentialWarning(CredentialProblem.Throttled, daily
                    ? $"{login.Name ?? "The server's account"} on {login.ServerName} reached the provider's daily "
                        + "sending limit: its messages wait, and one asks again each pause (DailyLimitReached)."
                    : $"{Counts.Of(login.Waiting, "message", "messages")} of {login.Name ?? "the server's account"} "
                        + $"on {login.ServerName} wait because the provider keeps limiting it "
                        + $"({login.LastAttempt.DiagnosticCode}).",
                "An admin",
                daily
                    ? "They go out when the daily limit resets; spread the mail over more mailboxes, or send bulk "
                        + "mail through a service made for it."
                    : "Lower the server's messages per minute or parallel sessions to what the provider allows.",
                $"/SmtpServers/Edit/{login.ServerId.ToString(CultureInfo.InvariantCulture)}", [login.ServerId],
                    login.LastAttempt.At);
        });
}
