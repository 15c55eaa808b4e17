using MailRouting.OAuth;
using MailRouting.Web.Forms;
using MailRouting.Web.Mailboxes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Pages.OAuthApps;

public sealed class EditModel(OAuthAppService apps, ConnectLinks links) : PageModel
{
    [BindProperty]
    public OAuthAppInput Input { get; set; } = new();

    public int? Id { get; private set; }

    public bool HasClientSecret { get; private set; }

    public int UsedByServers { get; private set; }

    public bool FromConfiguration { get; private set; }

    public Uri? RedirectUri => links.Callback;

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (id is null)
        {
            return Page();
        }

        if (await apps.FindAsync(id.Value, ct) is not { } app)
        {
            return NotFound();
        }

        Show(id, app);
        Input = new OAuthAppInput
        {
            Name = app.Name, Provider = app.Provider, Tenant = app.Tenant, ClientId = app.ClientId, Issuer = app.Issuer,
            AuthorizationEndpoint = app.AuthorizationEndpoint, TokenEndpoint = app.TokenEndpoint, Scopes = app.Scopes,
            ClientSecretExpiresOn = app.ClientSecretExpiresOn, ConnectionLifetimeDays = app.ConnectionLifetimeDays,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        var change = ModelState.IsValid ? await apps.SaveAsync(id, Input, ct) : null;
        switch (change?.Outcome)
        {
            case ChangeOutcome.Done:
                TempData.Success($"OAuth app '{change.Value!.Name}' saved.");
                return RedirectToPage("Index");
            case ChangeOutcome.NotFound:
                return NotFound();
            case ChangeOutcome.Invalid:
                ModelState.AddChangeErrors(change.Errors);

                break;
            case ChangeOutcome.Refused:
                ModelState.AddModelError("", change.Message!);
                break;
        }

        if (id is { } existing && await apps.FindAsync(existing, ct) is { } app)
        {
            Show(id, app);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        TempData.Report(await apps.DeleteAsync(id, ct), app => $"OAuth app '{app.Name}' deleted.");
        return RedirectToPage("Index");
    }

    private void Show(int? id, OAuthAppSummary app) =>
        (Id, HasClientSecret, UsedByServers, FromConfiguration) = (id, app.HasClientSecret, app.UsedByServers, app.FromConfiguration);
}
