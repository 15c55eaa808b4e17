using System.Globalization;

namespace MailRouting;

/// <summary>"1 channel", "3 channels": a count with its noun in the right number, for pages and messages alike.</summary>
public static class Counts
{
    public static string Of(int count, string one, string many) => $"{count.ToString(CultureInfo.CurrentCulture)} {(count == 1 ? one : many)}";
}
