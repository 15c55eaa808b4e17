using MailRouting.Outbox;
using MailRouting.Outbox.Delivery;

namespace MailRouting.Tests.Outbox.Delivery;

public sealed class LoginPausesTests
{
    private static readonly DateTime Now = new(2026, 12, 4, 9, 0, 0, DateTimeKind.Utc);

    private static OutboxMessage Message(int serverId, string login) => new()
    {
        MessageId = "m@acme.test", SenderId = "1", CreatedBy = "u", FromAddress = login, EnvelopeFrom = login,
        Subject = "", Mime = [], ServerId = serverId, Login = login,
    };

    [Fact]
    public void Pause_HoldsOnlyThatLoginOnThatServer_UntilItEnds()
    {
        var pauses = new LoginPauses();

        pauses.Pause(Message(1, "agent@acme.test"), Now.AddHours(1));

        Assert.Equal(Now.AddHours(1), pauses.Until(Message(1, "agent@acme.test"), Now));
        Assert.Null(pauses.Until(Message(1, "sales@acme.test"), Now));
        Assert.Null(pauses.Until(Message(2, "agent@acme.test"), Now));
        Assert.Null(pauses.Until(Message(1, "agent@acme.test"), Now.AddHours(1)));
    }
}
