using MailRouting.Signatures;

namespace MailRouting.Web.Forms;

/// <summary>What the signature form shows: the stored signature, whether it may be changed, and the last post's errors.</summary>
public sealed record SignatureForm(string Heading, string Explanation, SignatureView Signature, bool CanEdit, int? RouteId = null,
    string? TextError = null, string? HtmlError = null);
