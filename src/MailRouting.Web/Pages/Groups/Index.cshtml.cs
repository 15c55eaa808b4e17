using MailRouting.Groups;
using MailRouting.Users;
using MailRouting.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Pages.Groups;

public sealed class IndexModel(GroupQueries queries, GroupService service) : PageModel
{
    public IReadOnlyList<GroupSummary> Groups { get; private set; } = [];

    [BindProperty]
    public string? NewName { get; set; }

    public bool CanEdit => User.IsInRole(Roles.Admin);

    public async Task OnGetAsync(CancellationToken ct) => Groups = await queries.ListAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        var change = await service.CreateAsync(new GroupInput(NewName), ct);
        if (change.Value is { } group)
        {
            TempData.Success($"Group '{group.Name}' added; now add its members.");
            return RedirectToPage("Edit", new { id = group.Id });
        }

        ModelState.AddModelError(nameof(NewName), string.Join(" ", change.Errors?.Values.SelectMany(m => m) ?? [change.Message!]));
        Groups = await queries.ListAsync(ct);
        return Page();
    }
}
