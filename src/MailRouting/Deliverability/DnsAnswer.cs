namespace MailRouting.Deliverability;

/// <summary>
/// The records DNS gave for one question. No records is a real answer (the name or the record does not exist);
/// <see cref="Failed"/> means DNS did not answer in time or answered with an error, so nothing can be concluded.
/// </summary>
public sealed record DnsAnswer(IReadOnlyList<string> Records, bool Failed = false)
{
    public static readonly DnsAnswer NoAnswer = new([], Failed: true);
}
