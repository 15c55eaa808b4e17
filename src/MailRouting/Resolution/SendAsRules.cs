namespace MailRouting.Resolution;

public static class SendAsRules
{
    /// <summary>Whether an account whose own mailbox is <paramref name="ownAddress"/> may send as <paramref name="address"/>.</summary>
    public static bool Allows(string? ownAddress, IEnumerable<string> sendAs, string address) =>
        string.Equals(ownAddress, address, StringComparison.OrdinalIgnoreCase) || sendAs.Any(entry => Matches(entry, address));

    private static bool Matches(string entry, string address) => entry.StartsWith("*@", StringComparison.Ordinal)
        ? address.EndsWith(entry[1..], StringComparison.OrdinalIgnoreCase)
        : string.Equals(entry, address, StringComparison.OrdinalIgnoreCase);
}
