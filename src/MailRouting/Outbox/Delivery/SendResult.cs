using MailRouting.Outbox.Outcomes;

namespace MailRouting.Outbox.Delivery;

/// <summary>What a transport made of one message: the server's acceptance, or why it was not sent.</summary>
public sealed record SendResult(string? Reply, SendFailure? Failure)
{
    /// <param name="reply">What the server or service answered, with its status ("250 2.0.0 Ok: queued as
    /// ...").</param>
    public static SendResult Accepted(string reply) => new(reply, null);

    public static SendResult Refused(SendFailure failure) => new(null, failure);
}
