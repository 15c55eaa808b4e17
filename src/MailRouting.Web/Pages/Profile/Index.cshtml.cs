using System.Security.Claims;
using MailRouting.Channels;
using MailRouting.ConnectionTests;
using MailRouting.OAuth;
using MailRouting.Deliverability;
using MailRouting.Resolution;
using MailRouting.Servers;
using MailRouting.Users;
using MailRouting.Web.Forms;
using MailRouting.Web.Mailboxes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Pages.Profile;

/// <summary>The signed-in user's own mail settings; the user id always comes from the sign-in, never from the form.</summary>
public sealed class IndexModel(
    UserQueries users,
    UserMailService service,
    SenderResolution resolution,
    OwnSignInTests tests,
    GrantTargets targets,
    MailboxPageActions mailbox,
    OwnPasswordCheck passwordCheck,
    ContactDetails contacts,
    LandingCheck landing) : PageModel
{
    public UserSummary Me { get; private set; } = null!;

    public ResolvedSender Resolved { get; private set; } = null!;

    public SenderTestResult? Test { get; private set; }

    /// <summary>What receivers will decide about its mail (SPF, DMARC); null when it cannot be sent at all.</summary>
    public LandingForecast? Landing { get; private set; }

    [BindProperty]
    public string? SmtpUsername { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Recipient { get; set; }

    [BindProperty]
    public SentCopyForm SentCopy { get; set; } = new();

    public ConnectionTestReport? MailboxReport { get; private set; }

    /// <summary>The sign-in tried with a password that was not saved.</summary>
    public ConnectionTestReport? PasswordReport { get; private set; }

    private string MyId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    /// <summary>Only admins and agents send mail, test messages included.</summary>
    public bool CanSend => User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Agent);

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        SmtpUsername = Me.SmtpUsername;
        if (Me.SentCopy is { } copy)
        {
            SentCopy = new SentCopyForm
            {
                Host = copy.Host, Port = copy.Port, Security = copy.Security, Username = copy.Username, AuthMethod = copy.AuthMethod, Folder = copy.Folder,
            };
        }
    }

    /// <summary>The agent signs in at the provider as their own login; the callback page brings them back here.</summary>
    public async Task<IActionResult> OnGetConnectAsync(CancellationToken ct) =>
        CanSend ? await mailbox.ConnectAsync(this, await targets.ForUserAsync(MyId, ct), ct) : Forbid();

    public async Task<IActionResult> OnPostDisconnectAsync(CancellationToken ct) => await mailbox.DisconnectAsync(this, new GrantKey(GrantOwner.User, MyId), ct);

    /// <summary>Support sends no mail, so keeps no mail settings: of the posts here, only the contact numbers are theirs.</summary>
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        if (!CanSend && HttpMethods.IsPost(Request.Method) && context.HandlerMethod?.Name != "Contact")
        {
            context.Result = Forbid();
        }
    }

    public async Task<IActionResult> OnPostSentCopyAsync(CancellationToken ct)
    {
        var form = SentCopy;
        var change = await service.SetOwnSentCopyAsync(MyId, new SentCopyInput(form.Host, form.Port, form.Security, form.Username, form.Password, form.Folder, form.AuthMethod), ct);
        if (change.Outcome != ChangeOutcome.Done)
        {
            ModelState.AddChangeErrors(change.Errors ?? new Dictionary<string, string[]> { [""] = [change.Message!] },
                field => $"{nameof(SentCopy)}.{field}");

            await LoadAsync(ct);
            return Page();
        }

        TempData.Success($"Sent mail is now copied to {form.Folder!.Trim()}.");
        return RedirectToPage();
    }

    /// <summary>Your numbers for signatures; null until loaded or posted.</summary>
    [BindProperty]
    public ContactForm? Contact { get; set; }

    public async Task<IActionResult> OnPostContactAsync(CancellationToken ct)
    {
        var change = await contacts.SaveAsync(MyId, (Contact ?? new ContactForm()).ToInput(), ct);
        if (change.Outcome == ChangeOutcome.Done)
        {
            TempData.Success("Your numbers are saved; signatures show them.");
            return RedirectToPage();
        }

        ModelState.AddChangeErrors(change.Errors, field => ChangeErrors.Under(nameof(Contact), field));

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostStopSentCopyAsync(CancellationToken ct)
    {
        await service.StopOwnSentCopyAsync(MyId, ct);
        TempData.Success("Sent mail is no longer copied to your mailbox.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostTestSentCopyAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var mailbox = await service.SentCopyMailboxAsync(MyId, ct);
        var (report, refusal) = mailbox.Value is { } settings ? await tests.TestSentCopyAsync(MyId, settings, Resolved.Grant, ct) : (null, null);
        MailboxReport = report;
        if (report is null)
        {
            ModelState.AddModelError($"{nameof(SentCopy)}.Host", refusal ?? mailbox.Errors?.Values.First()[0] ?? mailbox.Message!);
        }

        return Page();
    }

    /// <summary>The password is tried at the server first: one it rejects is not saved, and the page says what the server said.</summary>
    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken ct)
    {
        var (change, tried) = await passwordCheck.SaveAsync(MyId, SmtpUsername ?? "", Password, ct);
        if (change.Outcome != ChangeOutcome.Done)
        {
            ModelState.AddModelError(nameof(Password), change.Errors?.Values.First()[0] ?? change.Message!);
            PasswordReport = tried?.WithoutServerText();
            await LoadAsync(ct);
            return Page();
        }

        TempData.Success(tried switch
        {
            { Success: true } => "Your email password is saved, and it works: the server accepted the sign-in.",
            { Diagnostic: { } notChecked } => $"Your email password is saved, but it could not be checked now: {notChecked.Message}",
            _ => "Your email password is saved.",
        });
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostClearAsync(CancellationToken ct)
    {
        await service.ClearPasswordAsync(MyId, ct);
        TempData.Success("Your email password is cleared.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostTestAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Recipient = Recipient?.Trim();
        if (ModelState.IsAcceptable(nameof(Recipient), Recipient))
        {
            (Test, var refusal) = await tests.TestSendingAsync(MyId, Resolved, Recipient, ct);
            if (refusal is not null)
            {
                ModelState.AddModelError(nameof(Recipient), refusal);
            }
        }

        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Me = (await users.FindAsync(MyId, ct))!;
        Resolved = (await resolution.ForUserAsync(MyId, ct,
            new SendContext(new Actor(MyId, User.IsInRole(Roles.Admin)))))!;
        Landing = await landing.ForPlanAsync(Resolved.Resolution.Plan, ct);
        if (Contact is null && await contacts.GetAsync(MyId, ct) is { } stored)
        {
            Contact = ContactForm.From(stored);
        }
    }

    /// <summary>The "copy to Sent" form; the password is write-only and never filled in.</summary>
    public sealed class SentCopyForm
    {
        public string? Host { get; set; }
        public int? Port { get; set; }
        public SmtpSecurity Security { get; set; } = SmtpSecurity.SslOnConnect;
        public string? Username { get; set; }
        public IncomingAuth AuthMethod { get; set; }
        public string? Password { get; set; }
        public string? Folder { get; set; } = "Sent";
    }
}
