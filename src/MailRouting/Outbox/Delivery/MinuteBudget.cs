namespace MailRouting.Outbox.Delivery;

/// <summary>Messages a server still takes this minute; past it, the time its oldest slot frees up.</summary>
public sealed class MinuteBudget(int left, DateTime nextSlot)
{
    public DateTime NextSlot => nextSlot;

    public bool Take() => left-- > 0;
}
