using MailRouting.Groups;
using MailRouting.Projects;
using MailRouting.Signatures;
using MailRouting.Users;
using MailRouting.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Pages.Projects;

public sealed class EditModel(ProjectService service, ProjectQueries queries, GroupQueries groups, SignatureService signatures) : PageModel
{
    [BindProperty]
    public ProjectInput Input { get; set; } = new();

    /// <summary>The members by email, one per line as typed.</summary>
    [BindProperty]
    public string? MemberUsersText { get; set; }

    public int? Id { get; private set; }

    public IReadOnlyList<ProjectChannelRef> Channels { get; private set; } = [];

    public IReadOnlyList<GroupSummary> Groups { get; private set; } = [];

    public IReadOnlyList<ProjectChannelRef> LimitedChannels { get; private set; } = [];

    public SignatureForm Signature { get; private set; } = null!;

    public bool CanEdit => User.IsInRole(Roles.Admin);

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (id is { } known)
        {
            if (await queries.FindAsync(known, ct) is not { } project)
            {
                return NotFound();
            }

            Input = new ProjectInput
            {
                Name = project.Name, DefaultSenderChannelId = project.DefaultSender?.Id, DefaultReplyToChannelId = project.DefaultReplyTo?.Id,
                MemberGroups = [.. project.MemberGroups.Select(g => g.Id)], Version = project.Version,
            };
            MemberUsersText = string.Join('\n', project.MemberUsers);
        }

        await LoadAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        Input.MemberUsers = [.. (MemberUsersText ?? "").Split(['\n', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        var change = id is null ? await service.CreateAsync(Input, ct) : await service.UpdateAsync(id.Value, Input, ct);
        switch (change.Outcome)
        {
            case ChangeOutcome.Done:
                TempData.Success($"Project '{change.Value!.Name}' saved.");
                return RedirectToPage(new { id = change.Value.Id });
            case ChangeOutcome.NotFound:
                return NotFound();
            case ChangeOutcome.Invalid:
                ModelState.AddChangeErrors(change.Errors);

                break;
            default:
                ModelState.AddModelError("", change.Message!);
                break;
        }

        await LoadAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSignatureAsync(int id, string? signatureText, string? signatureHtml, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        var change = await signatures.SaveAsync(SignatureScope.Project, id, new SignatureInput(signatureHtml, signatureText), ct);
        if (change.Outcome == ChangeOutcome.NotFound)
        {
            return NotFound();
        }

        if (change.Value is { } saved)
        {
            TempData.Success((saved.IsSet ? "The project's signature is saved." : "The project's signature is removed.") + saved.RemovedNote);
        }
        else
        {
            TempData.Failure(string.Join(" ", change.Errors!.Values.SelectMany(m => m)));
        }

        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        TempData.Report(await service.DeleteAsync(id, ct), project => $"Project '{project.Name}' deleted.");
        return RedirectToPage("Index");
    }

    private async Task LoadAsync(int? id, CancellationToken ct)
    {
        Id = id;
        Channels = await queries.ChannelChoicesAsync(ct);
        Groups = await groups.ListAsync(ct);
        if (id is { } known && await queries.FindAsync(known, ct) is { } project)
        {
            LimitedChannels = project.LimitedChannels;
            Signature = new SignatureForm("Signature", "Messages sent in this project carry it when their channel has no signature of its own.",
                await signatures.GetAsync(SignatureScope.Project, known, ct), CanEdit, known);
        }
    }
}
