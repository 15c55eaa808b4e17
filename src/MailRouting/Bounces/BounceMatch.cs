namespace MailRouting.Bounces;

/// <summary>How a bounce was tied to the message it is about.</summary>
public enum BounceMatch
{
    None,

    /// <summary>The VERP address it came back to names the message.</summary>
    Verp,

    /// <summary>The Message-ID of the copy or headers it quotes, or of what it answers.</summary>
    MessageId,
}
