using MailRouting.ConnectionTests;
using MailRouting.OAuth;
using MailRouting.Servers;
using MailRouting.Servers.Detection;
using MailRouting.Servers.Presets;
using MailRouting.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Pages.SmtpServers;

public sealed class EditModel(SmtpServerService service, SmtpServerQueries queries, OAuthAppService oauthApps,
    TestedSettings tested,
    SettingsDetection detection) : PageModel
{
    /// <summary>The provider whose settings fill the form, with its notes and limits.</summary>
    public ProviderPreset? Preset { get; private set; }

    /// <summary>What "detect from an email address" found, and where.</summary>
    public DetectedSettings? Detected { get; private set; }

    /// <summary>The address detection was asked for, and why nothing came of it.</summary>
    public (string Email, string Problem)? DetectionFailed { get; private set; }

    /// <summary>The address the detection form shows: the one just detected, or the one that failed.</summary>
    public string? DetectedFor => Detected is null ? DetectionFailed?.Email : Input.Username;

    [BindProperty]
    public SmtpServerInput Input { get; set; } = new();

    /// <summary>The Send-as list as typed: one address or *@domain pattern per line (commas also separate).</summary>
    [BindProperty]
    public string? SendAsText { get; set; }

    public int? Id { get; private set; }

    [BindProperty]
    public string? TestRecipient { get; set; }

    /// <summary>The result of testing the form's values, shown below the form.</summary>
    public ConnectionTestReport? Report { get; private set; }

    /// <summary>
    /// That result sealed, carried by the form to the save: saved unchanged, the server keeps it as its last test.
    /// </summary>
    [BindProperty]
    public string? Tested { get; set; }

    public bool HasPassword { get; private set; }

    /// <summary>The OAuth apps a server with OAuth2 can connect through.</summary>
    public IReadOnlyList<OAuthAppSummary> Apps { get; private set; } = [];

    /// <summary>The servers this one may name as its fallback: every other server.</summary>
    public IReadOnlyList<SmtpServerSummary> OtherServers { get; private set; } = [];

    /// <summary>Channels and users that chose this server explicitly (a non-default server has no followers).</summary>
    public int ExplicitUsers { get; private set; }

    /// <summary>The default server cannot be deleted, so its page offers no Delete.</summary>
    public bool IsDefault { get; private set; }

    /// <summary>While adding: make the new server the default as soon as it is saved.</summary>
    [BindProperty]
    public bool MakeDefault { get; set; }

    /// <summary>The folded advanced settings open by themselves only when one of them needs correcting.</summary>
    public bool AdvancedHasErrors => AdvancedFields.Any(key => ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0);

    /// <summary>What the folded advanced settings hold, so a closed fold still tells what is set in it.</summary>
    public string AdvancedSummary
    {
        get
        {
            (bool Set, string Name)[] settings =
            [
                (Input.TimeoutSeconds is not null, $"timeout {Input.TimeoutSeconds} s"),
                (!string.IsNullOrWhiteSpace(Input.PinnedCertificateSha256), "pinned certificate"),
                (!string.IsNullOrWhiteSpace(Input.ClientName), $"client name {Input.ClientName}"),
                (Input.MaxMessagesPerSession is not null || Input.MaxMessagesPerMinute is not null || Input.MaxConcurrentSessions is not null, "sending limits"),
                (!string.IsNullOrWhiteSpace(SendAsText), "send-as addresses"),
                (Input.FallbackServerId is not null, "fallback server"),
            ];
            var set = settings.Where(s => s.Set).Select(s => s.Name).ToList();
            return set.Count == 0
                ? "timeout, certificate, limits, send-as, fallback"
                : "set: " + string.Join(", ", set);
        }
    }

    private static readonly string[] AdvancedFields =
    [
        "Input.TimeoutSeconds", "Input.PinnedCertificateSha256", "Input.ClientName", "Input.MaxMessagesPerSession",
        "Input.MaxMessagesPerMinute", "Input.MaxConcurrentSessions", nameof(SendAsText),
        "Input.FallbackServerId",
    ];

    /// <param name="preset">A provider's id: its settings fill the new server's form.</param>
    /// <param name="detect">An email address whose settings are looked for and fill the form.</param>
    public async Task<IActionResult> OnGetAsync(int? id, string? preset, string? detect, CancellationToken ct)
    {
        await LoadChoicesAsync(id, ct);
        if (id is null)
        {
            await StartFromAsync(preset, detect?.Trim(), ct);
            return Page();
        }

        var server = await queries.FindAsync(id.Value, ct);
        if (server is null)
        {
            return NotFound();
        }

        if (server.Kind == ServerKind.Internal)
        {
            TempData.Failure("The Internal server comes from configuration (Mail:Internal) and is read-only.");
            return RedirectToPage("Details", new { id });
        }

        Id = id;
        HasPassword = server.HasPassword;
        ExplicitUsers = server.IsDefault ? 0 : server.UsedByChannels + server.UsedByUsers;
        IsDefault = server.IsDefault;
        Input = SmtpServerInput.From(server);
        SendAsText = string.Join('\n', server.SendAs);
        return Page();
    }

    private async Task StartFromAsync(string? preset, string? email, CancellationToken ct)
    {
        if (ProviderPresets.Find(preset) is { } chosen)
        {
            (Preset, Input) = (chosen, SmtpServerInput.For(chosen));
            return;
        }

        if (string.IsNullOrEmpty(email))
        {
            return;
        }

        if (!MimeKit.MailboxAddress.TryParse(email, out var address) || address.Domain.Length == 0)
        {
            DetectionFailed = (email, $"'{email}' is not an email address.");
            return;
        }

        Detected = await detection.DetectAsync(address.Address, ct);
        if (Detected is { } found)
        {
            (Preset, Input) = (found.Preset, SmtpServerInput.For(found, address.Address));
            return;
        }

        DetectionFailed = (email, $"Nothing answered for {address.Domain} (autoconfig, MX, SRV or the usual ports): "
            + "enter the settings your provider gives.");
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (!ModelState.IsValid)
        {
            return await RedisplayAsync(ct);
        }

        Input.SendAs = SendAsLines();
        var change = id is null ? await service.CreateAsync(Input, ct) : await service.UpdateAsync(id.Value, Input, ct);
        if (change.Outcome == ChangeOutcome.Done && tested.Open(Tested, id, Input) is { } outcome)
        {
            await service.RecordTestAsync(change.Value!.Id, outcome, ct);
        }

        switch (change.Outcome)
        {
            case ChangeOutcome.Done when id is null && MakeDefault:
                TempData.Report(await service.MakeDefaultAsync(change.Value!.Id, ct), server => $"Server '{server.Name}' saved; it is now the default server.");
                return RedirectToPage("Details", new { id = change.Value.Id });
            case ChangeOutcome.Done:
                TempData.Success($"Server '{change.Value!.Name}' saved.");
                return RedirectToPage("Details", new { id = change.Value.Id });
            case ChangeOutcome.Invalid:
                ModelState.AddChangeErrors(change.Errors, FieldKey);

                return await RedisplayAsync(ct);
            case ChangeOutcome.Conflict:
                ModelState.AddModelError("", change.Message!);
                return await RedisplayAsync(ct);
            case ChangeOutcome.NotFound:
                return NotFound();
            default:
                TempData.Failure(change.Message!);
                return RedirectToPage("Index");
        }
    }

    /// <summary>
    /// Tests the values in the form without saving them; the form keeps them (all but a typed password).
    /// </summary>
    public async Task<IActionResult> OnPostTestAsync(int? id, CancellationToken ct)
    {
        Id = id;
        TestRecipient = TestRecipient?.Trim();
        if (!ModelState.IsValid || !ModelState.IsAcceptable(nameof(TestRecipient), TestRecipient))
        {
            return await RedisplayAsync(ct);
        }

        Input.SendAs = SendAsLines();
        var (report, refusal) = await service.TestSettingsAsync(id, Input, TestRecipient, ct);
        if (refusal?.Outcome == ChangeOutcome.NotFound)
        {
            return NotFound();
        }

        Report = report;
        Tested = report is null ? null : tested.Seal(id, Input, report);
        ModelState.AddChangeErrors(refusal?.Errors, FieldKey);

        if (refusal is { Outcome: ChangeOutcome.Refused, Message: { } refused })
        {
            ModelState.AddModelError("", refused);
        }

        return await RedisplayAsync(ct);
    }

    /// <summary>
    /// Pins the certificate the test was refused by (shown with its names and dates) and tests again with it.
    /// </summary>
    public Task<IActionResult> OnPostTrustAsync(int? id, string? fingerprint, CancellationToken ct)
    {
        ModelState.Remove($"{nameof(Input)}.{nameof(Input.PinnedCertificateSha256)}");
        Input.PinnedCertificateSha256 = fingerprint;
        return OnPostTestAsync(id, ct);
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, bool moveToDefault, CancellationToken ct)
    {
        TempData.Report(await service.DeleteAsync(id, moveToDefault, ct), server => $"Server '{server.Name}' deleted.");
        return RedirectToPage("Index");
    }

    public async Task<IActionResult> OnPostMakeDefaultAsync(int id, CancellationToken ct)
    {
        TempData.Report(await service.MakeDefaultAsync(id, ct), server => $"'{server.Name}' is now the default server.");
        return RedirectToPage("Index");
    }

    private string[] SendAsLines() => (SendAsText ?? "").Split(['\n', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// The form's field for an error the service names; a failed test before saving belongs to the whole form.
    /// </summary>
    private static string FieldKey(string field) =>
        field == SaveRules.FailedTest ? "" :
        field.StartsWith(nameof(SmtpServerInput.SendAs), StringComparison.Ordinal) ? nameof(SendAsText) : $"{nameof(Input)}.{field}";

    private async Task<IActionResult> RedisplayAsync(CancellationToken ct)
    {
        HasPassword = Id is { } id && (await queries.FindAsync(id, ct))?.HasPassword == true;
        await LoadChoicesAsync(Id, ct);
        return Page();
    }

    private async Task LoadChoicesAsync(int? id, CancellationToken ct)
    {
        Apps = await oauthApps.ListAsync(ct);
        OtherServers = [.. (await queries.ListAsync(ct)).Where(s => s.Id != id)];
    }
}
