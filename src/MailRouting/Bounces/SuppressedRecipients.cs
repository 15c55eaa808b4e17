using System.Globalization;
using MailRouting.Resolution;

namespace MailRouting.Bounces;

/// <summary>The refusal of a message to suppressed addresses: which, why and since when, and how to send
/// anyway.</summary>
public static class SuppressedRecipients
{
    /// <summary>The entries of <paramref name="suppressed"/> for any of <paramref name="recipients"/>.</summary>
    public static IReadOnlyList<SuppressionView> Among(IReadOnlyList<SuppressionView> suppressed,
        IEnumerable<string> recipients)
    {
        if (suppressed.Count == 0)
        {
            return [];
        }

        var wanted = recipients.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. suppressed.Where(s => wanted.Contains(s.Address))];
    }

    public static ResolutionFailure Refusal(IReadOnlyList<SuppressionView> suppressed) => new(
        FailureCodes.RecipientSuppressed,
        suppressed.Count == 1
            ? $"{Describe(suppressed[0])} Nothing was sent."
            : $"{suppressed.Count} recipients are suppressed because their mail bounced. Nothing was sent.",
        "Check the address with the recipient another way. To send anyway, send again with sendToSuppressed: true "
            + "(on Compose: Send anyway); an admin can remove the address on the Suppressions page, saying why.",
        [.. suppressed.Select(Describe)]);

    private static string Describe(SuppressionView entry) => string.Create(CultureInfo.InvariantCulture,
        $"{entry.Address} is suppressed since {entry.Since:yyyy-MM-dd HH:mm} UTC: {entry.Detail}.");
}
