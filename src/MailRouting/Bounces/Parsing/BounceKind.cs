namespace MailRouting.Bounces.Parsing;

/// <summary>What a bounce says about one recipient's address.</summary>
public enum BounceKind
{
    /// <summary>The address is dead (no such user or domain, mailbox disabled): mail to it is suppressed at
    /// once.</summary>
    Hard,

    /// <summary>Refused for now or for another reason (full mailbox, policy, too large); counted.</summary>
    Soft,

    /// <summary>Not delivered yet, still being tried by the receiving side; shown, never counted.</summary>
    Delayed,

    /// <summary>A bounce whose recipient or reason could not be read.</summary>
    Unknown,
}
