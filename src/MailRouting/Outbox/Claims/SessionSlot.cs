using MailRouting.Outbox.Delivery;

namespace MailRouting.Outbox.Claims;

/// <summary>
/// One of a login's parallel SMTP sessions, held by one worker while its session is open, so that all instances together
/// open no more sessions for the login than its server allows. Held slots expire when their worker stops renewing them.
/// </summary>
public sealed class SessionSlot
{
    /// <summary>The login, as <see cref="SmtpSessions.AccountOf"/> names it on every instance.</summary>
    public required string Account { get; set; }

    /// <summary>The server and login the outbox names the login's messages by, so a worker can leave alone the messages it could not send.</summary>
    public int ServerId { get; set; }

    public string? Login { get; set; }

    /// <summary>From 0 up to the server's parallel sessions; a worker's lane uses the slot's number.</summary>
    public int Slot { get; set; }

    public required string Owner { get; set; }

    public DateTime Until { get; set; }
}
