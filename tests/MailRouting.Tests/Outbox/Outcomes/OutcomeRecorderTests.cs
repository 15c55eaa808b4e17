using MailRouting.Diagnostics;
using MailRouting.OAuth;
using MailRouting.Outbox;
using MailRouting.Outbox.Delivery;
using MailRouting.Outbox.Outcomes;
using MailRouting.Resolution;
using MailRouting.Servers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace MailRouting.Tests.Outbox.Outcomes;

public sealed class OutcomeRecorderTests
{
    private static readonly DateTime Created = new(2026, 12, 3, 9, 0, 0, DateTimeKind.Utc);
    private readonly SendingOptions options = SendingOptions.From(new ConfigurationBuilder().Build());
    private readonly OutcomeRecorder recorder;

    public OutcomeRecorderTests() => recorder = new OutcomeRecorder(options, new WorkerIdentity("worker-1"), NullLogger<OutcomeRecorder>.Instance);

    private static OutboxMessage Leased() => new()
    {
        MessageId = "m@acme.test", SenderKind = SenderKind.Channel, SenderId = "1", CreatedBy = "admin", ServerId = 1, Login = "a@acme.test",
        FromAddress = "a@acme.test", EnvelopeFrom = "a@acme.test", Recipients = ["c@customer.test"], Subject = "", Mime = [],
        Status = MessageStatus.Sending, CreatedAt = Created, NextAttemptAt = Created, LeaseOwner = "worker-1", LeaseUntil = Created.AddMinutes(1),
    };

    private static SendFailure Failure(bool temporary, bool needsConfiguration = false) =>
        new(new Diagnostic(DiagnosticCode.AuthFailed, "Refused.", "Fix it."), "535 5.7.8 Error", temporary, needsConfiguration);

    [Fact]
    public void Sent_TakesTheQueueIdFromTheReply_AndGivesTheLeaseBack()
    {
        var message = Leased();

        recorder.Sent(message, Created.AddSeconds(2), "250 2.0.0 Ok: queued as 4XyZ12");

        Assert.Equal((MessageStatus.Sent, "4XyZ12", Created.AddSeconds(2)), (message.Status, message.QueueId, message.SentAt));
        Assert.Equal(("Sent", "worker-1", "250 2.0.0 Ok: queued as 4XyZ12"),
            (message.Attempts.Single().Outcome, message.Attempts.Single().Worker, message.Attempts.Single().ServerReply));
        Assert.Equal((null, null), (message.LeaseOwner, message.LeaseUntil));
    }

    [Fact]
    public void Failed_NeedingNewSettings_IsHeldUntilItsMaxAge_NotRetriedOnATimer()
    {
        var message = Leased();

        recorder.Failed(message, Created.AddMinutes(1), Failure(temporary: false, needsConfiguration: true));

        Assert.True(message is { Status: MessageStatus.Retrying, HeldForConfiguration: true });
        Assert.Equal(Created + options.MaxAge, message.NextAttemptAt);
        Assert.Equal(("Held until the sign-in settings change", "AuthFailed"), (message.Attempts.Single().Outcome, message.Attempts.Single().DiagnosticCode));
        Assert.Null(message.LeaseOwner);
    }

    [Fact]
    public void Failed_TemporarilyAfterItsMaxAge_FailsForGood()
    {
        var message = Leased();
        var tooLate = Created + options.MaxAge + TimeSpan.FromSeconds(1);

        recorder.Failed(message, tooLate, Failure(temporary: true));

        Assert.Equal((MessageStatus.Failed, false, tooLate), (message.Status, message.HeldForConfiguration, message.NextAttemptAt));
        Assert.Equal("Failed", message.Attempts.Single().Outcome);
    }

    [Fact]
    public void Postpone_IsNoAttempt_AndAMessageNeverTriedStaysQueued()
    {
        var message = Leased();

        OutcomeRecorder.Postpone(message, Created.AddMinutes(1));

        Assert.Equal((MessageStatus.Queued, Created.AddMinutes(1)), (message.Status, message.NextAttemptAt));
        Assert.Empty(message.Attempts);
        Assert.Null(message.LeaseOwner);
    }

    [Fact]
    public void EveryOutcome_ChangesOnlyWhatTheWriterSaves()
    {
        var columns = typeof(OutboxMessage).GetProperties()
            .Where(p => p.Name != nameof(OutboxMessage.Attempts)).ToList();
        object?[] Values(OutboxMessage message) => [.. columns.Select(p => p.GetValue(message))];
        var outcomes = new Action<OutboxMessage>[]
        {
            m => recorder.Sent(m, Created.AddSeconds(1), "2.0.0 Ok: queued as 4XyZ12"),
            m => recorder.Failed(m, Created.AddSeconds(1), Failure(temporary: true)),
            m => recorder.Failed(m, Created.AddSeconds(1), Failure(temporary: false, needsConfiguration: true)),
            m => recorder.Failed(m, Created.AddDays(30), Failure(temporary: false)),
            m => OutcomeRecorder.Postpone(m, Created.AddMinutes(1)),
        };

        foreach (var outcome in outcomes)
        {
            var message = Leased();
            var before = Values(message);
            outcome(message);
            var changed = columns.Where((_, i) => !Equals(before[i], Values(message)[i])).Select(p => p.Name);

            Assert.Subset(OutcomeRecorder.Changes.ToHashSet(), changed.ToHashSet());
        }
    }

    private static readonly RoutingServer Office = new(1, "Office", ServerKind.Custom, "smtp.office365.com", 587,
        SmtpAuthMethod.Plain, "a@acme.test", true, "a@acme.test", [], IsDefault: true, FallbackServerId: 2);

    private static readonly RoutingServer Graph = new(2, "Graph", ServerKind.Custom, "graph.microsoft.com", 443,
        SmtpAuthMethod.OAuth2App, null, false, "a@acme.test", [], IsDefault: false, OAuthAppId: 7,
        Transport: ServerTransport.MicrosoftGraph);

    private static Route RouteWith(RoutingServer? fallback) =>
        new(null, 1, null, GrantKey.ForServer(1), Office, fallback);

    private static SendFailure SmtpAuthOff() => new(new Diagnostic(DiagnosticCode.BasicAuthDisabled, "Off.", "On."),
        "535 5.7.139 SmtpClientAuthentication is disabled", false, NeedsConfiguration: true);

    [Fact]
    public void Failed_SignInSwitchedOff_MovesToTheNamedFallback_AtOnce_AndOnlyOnce()
    {
        var message = Leased();
        var at = Created.AddMinutes(1);

        recorder.Failed(message, at, SmtpAuthOff(), RouteWith(Graph));
        recorder.Failed(message, at.AddSeconds(5), SmtpAuthOff(), RouteWith(Office with { Id = 3 }));

        Assert.Equal((2, 1), (message.ServerId, message.FallbackFromServerId));
        Assert.Equal((CredentialSource.Server, "a@acme.test"), (message.Credentials, message.Login));
        Assert.StartsWith("Moved to the fallback server Graph (Microsoft Graph at graph.microsoft.com)",
            message.Attempts[0].Outcome);
        Assert.Equal("Held until the sign-in settings change", message.Attempts[1].Outcome);
        Assert.True(message is { Status: MessageStatus.Retrying, HeldForConfiguration: true });
    }

    [Fact]
    public void Failed_OtherRefusals_OrNoFallback_StayOnTheirServer()
    {
        var refusedPassword = Leased();
        var noFallback = Leased();

        recorder.Failed(refusedPassword, Created, Failure(false, needsConfiguration: true), RouteWith(Graph));
        recorder.Failed(noFallback, Created, SmtpAuthOff(), RouteWith(null));

        Assert.All([refusedPassword, noFallback], m => Assert.Equal((1, null), (m.ServerId, m.FallbackFromServerId)));
    }

    [Fact]
    public void Failed_FallbackThatMayNotSendAsTheFrom_SaysWhy_AndHolds()
    {
        var message = Leased();

        recorder.Failed(message, Created, SmtpAuthOff(), RouteWith(Graph with { SenderAddress = "b@acme.test" }));

        Assert.Equal(1, message.ServerId);
        Assert.Contains("Not moved to the fallback: Graph may not send as a@acme.test",
            message.Attempts.Single().Diagnostic);
    }
}
