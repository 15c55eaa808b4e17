using MailRouting.Diagnostics;
using MailRouting.Outbox;
using MailRouting.Outbox.Outcomes;
using MailRouting.Resolution;
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
}
