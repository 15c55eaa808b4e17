using MailRouting.Resolution;

namespace MailRouting.ConnectionTests;

/// <summary>Tests exactly what a real send as a channel or user would do: resolved server, login, EHLO name and envelope.</summary>
public sealed class SenderTester(SenderResolution resolution, SignInTester tester)
{
    public async Task<SenderTestResult> TestAsync(ResolvedSender resolved, string? recipient, CancellationToken ct)
    {
        if (resolved.Resolution.Failure is { } failure)
        {
            return new SenderTestResult(failure, null, null);
        }

        var plan = resolved.Resolution.Plan!;
        var message = string.IsNullOrWhiteSpace(recipient)
            ? null
            : new TestMessage(recipient.Trim(), plan.EnvelopeFrom, plan.From.Name, plan.From.Address, plan.ReplyTo, resolved.Sender.Describe().ToLowerInvariant());
        var report = await tester.TestAsync(await resolution.SignInForAsync(resolved, ct), message, ct);
        return new SenderTestResult(null, report, plan);
    }
}
