using MailRouting.Channels;
using MailRouting.ConnectionTests;
using MailRouting.OAuth;
using MailRouting.Resolution;

namespace MailRouting.Users;

/// <summary>
/// The tests a user runs on their own mail settings (Profile and /api/v1/me): each sign-in with a login of the user's own
/// goes through the <see cref="ProfileSignIns"/> limit, so no test can be used to guess a password.
/// </summary>
public sealed class OwnSignInTests(SenderTester sender, IncomingTester mailbox, ProfileSignIns signIns)
{
    /// <returns>The test, or why it was not run.</returns>
    public async Task<(SenderTestResult? Result, string? Refusal)> TestSendingAsync(string userId, ResolvedSender resolved, string? recipient, CancellationToken ct)
    {
        if (resolved.Resolution.Plan is not { Credentials: CredentialSource.Sender, Login: { } login } plan)
        {
            // The server's own account, or no sign-in at all: nothing the user typed is tried.
            return (await sender.TestAsync(resolved, recipient, ct), null);
        }

        SenderTestResult? result = null;
        var (_, refusal) = await signIns.TryAsync(userId, ProfileSignIns.Target("smtp", plan.Server.Host, plan.Server.Port, login), async () =>
        {
            result = await sender.TestAsync(resolved, recipient, ct);
            return result.Report!;
        }, ct);
        return (result, refusal);
    }

    public Task<(ConnectionTestReport? Report, string? Refusal)> TestSentCopyAsync(string userId, IncomingSettings settings, GrantKey? grant, CancellationToken ct) =>
        signIns.TryAsync(userId, ProfileSignIns.Target("imap", settings.Host ?? "", settings.Port ?? 0, settings.Username),
            async () => (await mailbox.TestAsync(settings, grant, ct)).WithoutServerText(), ct);
}
