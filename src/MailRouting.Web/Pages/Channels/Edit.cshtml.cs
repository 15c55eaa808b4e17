using MailRouting.Channels;
using MailRouting.ConnectionTests;
using MailRouting.Groups;
using MailRouting.Projects;
using MailRouting.Servers;
using MailRouting.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Pages.Channels;

public sealed class EditModel(ChannelService service, ChannelQueries channels, SmtpServerQueries servers, GroupQueries groups, ProjectQueries projects) : PageModel
{
    [BindProperty]
    public ChannelInput Input { get; set; } = new();

    public int? Id { get; private set; }

    public ChannelSummary? Existing { get; private set; }

    public IReadOnlyList<SmtpServerSummary> Servers { get; private set; } = [];

    [BindProperty]
    public string? TestRecipient { get; set; }

    /// <summary>The users chosen as senders, one email per line as typed.</summary>
    [BindProperty]
    public string? SenderUsersText { get; set; }

    [BindProperty]
    public string? ReplyToUsersText { get; set; }

    public IReadOnlyList<GroupSummary> AllGroups { get; private set; } = [];

    public IReadOnlyList<ProjectSummary> AllProjects { get; private set; } = [];

    public RightsForm SenderRights => new("sender", nameof(ChannelInput.UsableAsSender), "Every agent may send as it", "send as it", Input.UsableAsSender,
        nameof(ChannelInput.SenderGroups), AllGroups, Input.SenderGroups, nameof(SenderUsersText), "Input_SenderUsers", SenderUsersText ?? "",
        ErrorOf($"{nameof(Input)}.{nameof(ChannelInput.SenderUsers)}"));

    public RightsForm ReplyToRights => new("replyto", nameof(ChannelInput.UsableAsReplyTo), "Every agent may use it as Reply-To", "use it as Reply-To",
        Input.UsableAsReplyTo, nameof(ChannelInput.ReplyToGroups), AllGroups, Input.ReplyToGroups, nameof(ReplyToUsersText), "Input_ReplyToUsers",
        ReplyToUsersText ?? "", ErrorOf($"{nameof(Input)}.{nameof(ChannelInput.ReplyToUsers)}"));

    /// <summary>The result of testing the form's values, shown below the form.</summary>
    public SenderTestResult? Tested { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (id is not null)
        {
            Existing = await channels.FindAsync(id.Value, ct);
            if (Existing is null)
            {
                return NotFound();
            }

            Input = new ChannelInput
            {
                Name = Existing.Name,
                Address = Existing.Address,
                DisplayName = Existing.DisplayName,
                Description = Existing.Description,
                IsActive = Existing.IsActive,
                ServerId = Existing.ServerId,
                OverrideCredentials = Existing.OverrideCredentials,
                Username = Existing.Username,
                Incoming = new IncomingInput
                {
                    Protocol = Existing.Incoming.Protocol,
                    Host = Existing.Incoming.Host,
                    Port = Existing.Incoming.Port,
                    Security = Existing.Incoming.Security,
                    Username = Existing.Incoming.Username,
                    AuthMethod = Existing.Incoming.AuthMethod,
                },
                UsableAsSender = Existing.UsableAsSender,
                UsableAsReplyTo = Existing.UsableAsReplyTo,
                CopyToSentFolder = Existing.CopyToSentFolder,
                ReadBounces = Existing.ReadBounces,
                Version = Existing.Version,
                SenderGroups = [.. Existing.Rights!.SenderGroups.Select(g => g.Id)],
                ReplyToGroups = [.. Existing.Rights.ReplyToGroups.Select(g => g.Id)],
                Projects = [.. Existing.Rights.Projects.Select(p => p.Id)],
            };
            SenderUsersText = string.Join('\n', Existing.Rights.SenderUsers);
            ReplyToUsersText = string.Join('\n', Existing.Rights.ReplyToUsers);
        }

        Servers = await servers.ListAsync(ct);
        AllGroups = await groups.ListAsync(ct);
        AllProjects = await projects.ListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Input.SenderUsers = Lines(SenderUsersText);
        Input.ReplyToUsers = Lines(ReplyToUsersText);
        if (ModelState.IsValid)
        {
            var change = id is null ? await service.CreateAsync(Input, ct) : await service.UpdateAsync(id.Value, Input, ct);
            switch (change.Outcome)
            {
                case ChangeOutcome.Done:
                    TempData.Success($"Channel '{change.Value!.Name}' saved.");
                    return RedirectToPage("Details", new { id = change.Value.Id });
                case ChangeOutcome.NotFound:
                    return NotFound();
                case ChangeOutcome.Invalid:
                    AddErrors(change.Errors!);
                    break;
                default:
                    ModelState.AddModelError("", change.Message!);
                    break;
            }
        }

        return await RedisplayAsync(id, ct);
    }

    /// <summary>Tests the values in the form without saving them; the form keeps them (all but a typed password).</summary>
    public async Task<IActionResult> OnPostTestAsync(int? id, CancellationToken ct)
    {
        TestRecipient = TestRecipient?.Trim();
        if (ModelState.IsValid && ModelState.IsAcceptable(nameof(TestRecipient), TestRecipient))
        {
            var (tested, refusal) = await service.TestSettingsAsync(id, Input, TestRecipient, ct);
            if (refusal?.Outcome == ChangeOutcome.NotFound)
            {
                return NotFound();
            }

            Tested = tested;
            AddErrors(refusal?.Errors);
        }

        return await RedisplayAsync(id, ct);
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        TempData.Report(await service.DeleteAsync(id, ct), channel => $"Channel '{channel.Name}' deleted.");
        return RedirectToPage("Index");
    }

    /// <summary>Each error on its field; a failed test before saving belongs to the whole form.</summary>
    private void AddErrors(IReadOnlyDictionary<string, string[]>? errors) =>
        ModelState.AddChangeErrors(errors, field => field == SaveRules.FailedTest ? "" : $"{nameof(Input)}.{field}");

    private async Task<IActionResult> RedisplayAsync(int? id, CancellationToken ct)
    {
        Id = id;
        Existing = id is null ? null : await channels.FindAsync(id.Value, ct);
        Servers = await servers.ListAsync(ct);
        AllGroups = await groups.ListAsync(ct);
        AllProjects = await projects.ListAsync(ct);
        return Page();
    }

    private static List<string> Lines(string? text) => [.. (text ?? "").Split(['\n', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private string? ErrorOf(string key) => ModelState.TryGetValue(key, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
}
