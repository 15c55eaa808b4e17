using System.Net;

namespace MailRouting.Signatures;

/// <summary>What a signature's variables stand for: the person sending, and the channel they send as.</summary>
public sealed record SignatureValues(string Name, string Email, string? Phone, string? Mobile, string? Fax, string? Channel)
{
    public const string Variables = "{name}, {email}, {phone}, {mobile}, {fax}, {channel}";

    /// <summary>The signature's text and HTML with the variables filled in; in HTML each value is encoded.</summary>
    public (string? Text, string? Html) Fill(Signature signature) =>
        (signature.Text is { Length: > 0 } text ? Replace(text, v => v) : null,
         signature.Html is { Length: > 0 } html ? Replace(html, WebUtility.HtmlEncode) : null);

    private string Replace(string template, Func<string, string> encode) => template
        .Replace("{name}", encode(Name), StringComparison.Ordinal)
        .Replace("{email}", encode(Email), StringComparison.Ordinal)
        .Replace("{phone}", encode(Phone ?? ""), StringComparison.Ordinal)
        .Replace("{mobile}", encode(Mobile ?? ""), StringComparison.Ordinal)
        .Replace("{fax}", encode(Fax ?? ""), StringComparison.Ordinal)
        .Replace("{channel}", encode(Channel ?? ""), StringComparison.Ordinal);
}
