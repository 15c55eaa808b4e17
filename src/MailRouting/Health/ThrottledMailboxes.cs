using System.Globalization;
using MailRouting.Diagnostics;

namespace MailRouting.Health;

/// <summary>
/// Logins with several messages waiting because the provider keeps limiting them (rate or daily quota).
/// </summary>
public sealed class ThrottledMailboxes(OutboxTrouble outbox) : ICredentialCheck
{
    /// <summary>Fewer waiting messages are ordinary back-off, not yet a pattern.</summary>
    public const int AtLeast = 3;

    private static readonly HashSet<string> LimitCodes =
        [nameof(DiagnosticCode.RateLimited), nameof(DiagnosticCode.DailyLimitReached)];

    public async Task<IEnumerable<CredentialWarning>> FindAsync(DateTime now, CancellationToken ct) =>
        (await outbox.LoginsAsync(held: false, LimitCodes, ct)).Where(login => login.Waiting >= AtLeast).Select(login =>
        {
            var daily = login.LastAttempt.DiagnosticCode == nameof(DiagnosticCode.DailyLimitReached);
            return new CredentialWarning(CredentialProblem.Throttled,
                $"{Counts.Of(login.Waiting, "message", "messages")} of {login.Name ?? "the server's account"} on "
                    + $"{login.ServerName} wait because the provider keeps limiting it "
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
