using MailRouting.Channels;
using MailRouting.Deliverability;
using MailRouting.Groups;
using MailRouting.Resolution;
using MailRouting.Servers;
using MailRouting.Users;
using MailRouting.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Pages.Users;

/// <summary>An admin edits a user's mail settings; the SMTP password can only be cleared here, never seen or set.</summary>
public sealed class EditModel(
    UserQueries users,
    UserMailService service,
    SmtpServerQueries servers,
    SenderResolution resolution,
    GroupQueries groups,
    ChannelAccessRules access,
    LandingCheck landing) : PageModel
{
    public sealed class InputModel
    {
        public int? ServerId { get; set; }
        public bool OverrideCredentials { get; set; }
        public string? SmtpUsername { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public UserSummary Person { get; private set; } = null!;

    public ResolvedSender Resolved { get; private set; } = null!;

    /// <summary>What receivers will decide about its mail (SPF, DMARC); null when it cannot be sent at all.</summary>
    public LandingForecast? Landing { get; private set; }

    public IReadOnlyList<SmtpServerSummary> Servers { get; private set; } = [];

    public IReadOnlyList<string> Groups { get; private set; } = [];

    /// <summary>The channels an agent may use, and why; empty for admins, who may use all.</summary>
    public IReadOnlyList<ChannelRightsOfUser> Channels { get; private set; } = [];

    /// <summary>How many active channels the user may neither send as nor use as Reply-To.</summary>
    public int ClosedChannels { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Input = new InputModel { ServerId = Person.ServerId, OverrideCredentials = Person.OverrideCredentials, SmtpUsername = Person.SmtpUsername };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        var change = await service.SetMailSettingsAsync(id, new UserMailSettings(Input.ServerId, Input.OverrideCredentials, Input.SmtpUsername), ct);
        if (change.Outcome == ChangeOutcome.Done)
        {
            TempData.Success($"Mail settings of {change.Value!.Email} saved.");
            return RedirectToPage(new { id });
        }

        if (change.Outcome == ChangeOutcome.NotFound || !await LoadAsync(id, ct))
        {
            return NotFound();
        }

        ModelState.AddChangeErrors(change.Errors);

        return Page();
    }

    public async Task<IActionResult> OnPostClearPasswordAsync(string id, CancellationToken ct)
    {
        var change = await service.ClearPasswordAsync(id, ct);
        if (change.Outcome == ChangeOutcome.NotFound)
        {
            return NotFound();
        }

        TempData.Success($"The SMTP password of {change.Value!.Email} is cleared; they will be asked to set it again.");
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        var person = await users.FindAsync(id, ct);
        var resolved = await resolution.ForUserAsync(id, ct);
        if (person is null || resolved is null)
        {
            return false;
        }

        (Person, Resolved) = (person, resolved);
        Landing = await landing.ForPlanAsync(resolved.Resolution.Plan, ct);
        Servers = await servers.ListAsync(ct);
        Groups = await groups.OfUserAsync(id, ct);
        if (person.Role != Roles.Admin)
        {
            var rights = await access.OfUserAsync(id, person.Email, ct);
            Channels = [.. rights.Where(r => r.Sender.Allowed || r.ReplyTo.Allowed)];
            ClosedChannels = rights.Count - Channels.Count;
        }

        return true;
    }
}
