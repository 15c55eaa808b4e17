using Microsoft.Extensions.Configuration;

namespace MailRouting.Outbox.Intake;

/// <summary>
/// Attachments a message may not carry (Mail:RefusedAttachments): programs, by name or by their first bytes, and whole
/// messages (message/rfc822, .eml), whose headers could claim another sender. Names are compared without case.
/// </summary>
public sealed class AttachmentRules(IReadOnlySet<string> extensions, IReadOnlySet<string> contentTypes)
{
    public const string Section = "Mail:RefusedAttachments";

    public static readonly string[] DefaultExtensions =
    [
        ".exe", ".com", ".bat", ".cmd", ".scr", ".pif", ".cpl", ".msi", ".msp", ".dll", ".vbs", ".vbe", ".js", ".jse", ".wsf", ".wsh", ".hta",
        ".ps1", ".psm1", ".jar", ".lnk", ".reg", ".sh", ".eml", ".msg",
    ];

    public static readonly string[] DefaultContentTypes =
    [
        "application/x-msdownload", "application/x-msdos-program", "application/x-dosexec", "application/x-executable", "application/x-sh",
        "application/java-archive", "message/rfc822",
    ];

    /// <summary>Mail:RefusedAttachments:Extensions and :ContentTypes replace the defaults when given.</summary>
    public static AttachmentRules From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var extensions = section.GetSection("Extensions").Get<string[]>() ?? DefaultExtensions;
        var contentTypes = section.GetSection("ContentTypes").Get<string[]>() ?? DefaultContentTypes;
        return new AttachmentRules(
            extensions.Select(e => e.StartsWith('.') ? e : "." + e).ToHashSet(StringComparer.OrdinalIgnoreCase),
            contentTypes.ToHashSet(StringComparer.OrdinalIgnoreCase));
    }

    /// <returns>Why the file may not be attached, naming it; null when it may.</returns>
    public string? Refusal(string fileName, string contentType, ReadOnlySpan<byte> content)
    {
        var extension = Path.GetExtension(fileName.Trim().TrimEnd('.'));
        if (contentTypes.Contains(contentType.Split(';')[0].Trim()) || extensions.Contains(extension))
        {
            return contentType.StartsWith("message/", StringComparison.OrdinalIgnoreCase) || extension is ".eml" or ".msg"
                ? $"{fileName} is a whole email message; its headers could claim another sender, so it is refused. Attach it as a PDF, or paste its text."
                : $"{fileName} ({contentType}) is a type of file mail may not carry here (programs and scripts). Send it another way, such as a link to a shared folder.";
        }

        // A program renamed to look like a document still starts like one: MZ (Windows) or ELF.
        return content.StartsWith("MZ"u8) || content.StartsWith("\u007fELF"u8)
            ? $"{fileName} is a program, whatever its name says; mail may not carry programs here."
            : null;
    }
}
