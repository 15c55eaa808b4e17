namespace MailRouting.Dkim;

/// <summary>A new key: the sender domain, a selector (one is chosen when empty) and the algorithm.</summary>
public sealed class DkimKeyInput
{
    public string? Domain { get; set; }

    public string? Selector { get; set; }

    public DkimAlgorithm Algorithm { get; set; } = DkimAlgorithm.Rsa2048;
}
