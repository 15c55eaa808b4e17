using System.Globalization;
using MailRouting.Resolution;

namespace MailRouting.Bounces;

/// <summary>The refusal of a message to suppressed addresses: which, why and since when, and how to send
/// anyway.</summary>
public static class SuppressedRecipients
{
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
