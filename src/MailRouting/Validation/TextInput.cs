namespace MailRouting.Validation;

public static class TextInput
{
    /// <summary>What a form or JSON field holds once trimmed; blank means not given.</summary>
    public static string? TrimmedOrNull(this string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
