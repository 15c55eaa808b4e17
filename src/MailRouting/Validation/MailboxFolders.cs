namespace MailRouting.Validation;

/// <summary>
/// Names of IMAP folders that users and admins type for "copy to Sent". A name may have levels ("INBOX.Sent", "Sent/Archive")
/// but no empty or relative level, no IMAP wildcard and no control character, so it can never reach outside the mailbox.
/// </summary>
public static class MailboxFolders
{
    public const int MaxLength = 200;

    public const string Rule = "Enter a folder name such as Sent or INBOX.Sent: no empty levels, no \"..\", no * or %, at most 200 characters.";

    private static readonly char[] LevelSeparators = ['/', '.'];

    public static bool IsValid(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxLength)
        {
            return false;
        }

        var trimmed = name.Trim();
        return !trimmed.Any(c => char.IsControl(c) || c is '*' or '%' or '\\')
            && trimmed.Split(LevelSeparators).All(level => level.Trim().Length > 0);
    }

    /// <summary>The levels of a valid name as the server separates them: "Sent.Archive" is two levels where '.' is the separator.</summary>
    public static IReadOnlyList<string> Levels(string name, char separator) => name.Trim().Split(separator);
}
