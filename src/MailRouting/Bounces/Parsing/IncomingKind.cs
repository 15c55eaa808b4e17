namespace MailRouting.Bounces.Parsing;

public enum IncomingKind
{
    Bounce,

    /// <summary>An out-of-office or other automatic answer (RFC 3834): the address works, nothing is counted.</summary>
    AutoReply,

    /// <summary>Anything else (a customer's answer): left where it is.</summary>
    Other,
}
