using MailRouting.Signatures;
using MailRouting.Users;
using MailRouting.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Pages.Signatures;

public sealed class IndexModel(SignatureService signatures) : PageModel
{
    public SignatureForm Form { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Form = Of(await signatures.GetAsync(SignatureScope.Central, null, ct));

    public async Task<IActionResult> OnPostSignatureAsync(string? signatureText, string? signatureHtml, CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Admin))
        {
            return Forbid();
        }

        var change = await signatures.SaveAsync(SignatureScope.Central, null, new SignatureInput(signatureHtml, signatureText), ct);
        if (change.Value is { } saved)
        {
            TempData.Success((saved.IsSet ? "The central signature is saved." : "The central signature is removed.") + saved.RemovedNote);
            return RedirectToPage();
        }

        Form = Of(new SignatureView(signatureHtml, signatureText)) with { TextError = change.Errors?.GetValueOrDefault("text")?[0], HtmlError = change.Errors?.GetValueOrDefault("html")?[0] };
        return Page();
    }

    private SignatureForm Of(SignatureView signature) => new("Signature", "Applies to every message whose channel has no signature of its own, and to mail sent as a person.",
        signature, User.IsInRole(Roles.Admin));
}
