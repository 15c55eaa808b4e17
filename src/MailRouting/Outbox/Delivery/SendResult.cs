using MailRouting.Outbox.Outcomes;

namespace MailRouting.Outbox.Delivery;

/// <summary>What a transport made of one message: the server's acceptance, or why it was not sent.</summary>
public sealed record SendResult(string? Reply, SendFailure? Failure)
{
    public static SendResult Accepted(string reply) => new(reply, null);

    public static SendResult Refused(SendFailure failure) => new(null, failure);
}
