using MailRouting.Diagnostics;

namespace MailRouting.Health;

/// <summary>
/// Logins whose password (or token) the server refused at the last attempt, with the messages held for them.
/// </summary>
public sealed class RefusedSignIns(OutboxTrouble outbox) : ICredentialCheck
{
    public async Task<IEnumerable<CredentialWarning>> FindAsync(DateTime now, CancellationToken ct) =>
        (await outbox.LoginsAsync(held: true, SignInCodes.All, ct)).Select(login =>
        {
            var (whoActs, link) = OutboxTrouble.WhoFixes(login);
            return new CredentialWarning(CredentialProblem.SignInRefused,
                $"The sign-in of {login.Name ?? "the server's account"} on {login.ServerName} was refused at its last "
                    + $"attempt ({login.LastAttempt.DiagnosticCode}): {login.LastAttempt.Diagnostic} "
                    + $"{Counts.Of(login.Waiting, "message waits", "messages wait")}.",
                whoActs, "Enter the current password, or connect the mailbox again; the held messages are then sent.",
                link, [login.ServerId], login.LastAttempt.At);
        });
}
