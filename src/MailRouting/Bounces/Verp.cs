namespace MailRouting.Bounces;

/// <summary>
/// Variable envelope return paths: the bounce address with the message's id after a plus
/// (support+0f8fad5bd9cb469fa16570867728950e@acme.test), so a bounce names its message even when it quotes nothing.
/// </summary>
public static class Verp
{
    private const int TokenLength = 32;

    /// <returns>The VERP address; the bounce address itself when the token would make the local part too
    /// long.</returns>
    public static string Address(string bounceAddress, Guid message)
    {
        var at = bounceAddress.LastIndexOf('@');
        var local = bounceAddress[..at];
        return local.Length + 1 + TokenLength > 64 ? bounceAddress : $"{local}+{message:N}{bounceAddress[at..]}";
    }

    /// <returns>The message a VERP address names; null for any other address.</returns>
    public static Guid? MessageOf(string address)
    {
        var at = address.LastIndexOf('@');
        var plus = at > 0 ? address.LastIndexOf('+', at - 1) : -1;
        return plus >= 0 && at - plus - 1 == TokenLength
            && Guid.TryParseExact(address[(plus + 1)..at], "N", out var message) ? message : null;
    }
}
