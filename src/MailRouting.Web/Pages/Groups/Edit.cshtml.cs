using MailRouting.Groups;
using MailRouting.Users;
using MailRouting.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Pages.Groups;

public sealed class EditModel(GroupQueries queries, GroupService service) : PageModel
{
    public GroupSummary Group { get; private set; } = null!;

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public Guid? Version { get; set; }

    [BindProperty]
    public string? MemberEmail { get; set; }

    public bool CanEdit => User.IsInRole(Roles.Admin);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRenameAsync(int id, CancellationToken ct) =>
        await ChangeAsync(id, nameof(Name), () => service.RenameAsync(id, new GroupInput(Name, Version), ct), group => $"Group renamed to '{group.Name}'.", ct);

    public async Task<IActionResult> OnPostAddMemberAsync(int id, CancellationToken ct) =>
        await ChangeAsync(id, nameof(MemberEmail), () => service.AddMemberAsync(id, MemberEmail ?? "", ct), _ => $"{MemberEmail?.Trim()} is now a member.", ct);

    public async Task<IActionResult> OnPostRemoveMemberAsync(int id, string userId, CancellationToken ct) =>
        await ChangeAsync(id, "", () => service.RemoveMemberAsync(id, userId, ct), _ => "The member was removed.", ct);

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        TempData.Report(await service.DeleteAsync(id, ct), group => $"Group '{group.Name}' deleted.");
        return RedirectToPage("Index");
    }

    /// <summary>Runs one change; done goes back to the page with a status, refused shows why beside the field.</summary>
    private async Task<IActionResult> ChangeAsync(int id, string field, Func<Task<Change<UserGroup>>> change, Func<UserGroup, string> done, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        var result = await change();
        switch (result.Outcome)
        {
            case ChangeOutcome.Done:
                TempData.Success(done(result.Value!));
                return RedirectToPage(new { id });
            case ChangeOutcome.NotFound:
                return NotFound();
            default:
                ModelState.AddModelError(field, string.Join(" ", result.Errors?.Values.SelectMany(m => m) ?? [result.Message!]));
                return await LoadAsync(id, ct) ? Page() : NotFound();
        }
    }

    /// <summary>Loads the group; the rename form shows its name unless one was just typed.</summary>
    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Group = (await queries.FindAsync(id, ct))!;
        Name ??= Group?.Name;
        Version ??= Group?.Version;
        return Group is not null;
    }
}
