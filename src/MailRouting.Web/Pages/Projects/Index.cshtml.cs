using MailRouting.Projects;
using MailRouting.Users;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Pages.Projects;

public sealed class IndexModel(ProjectQueries queries) : PageModel
{
    public IReadOnlyList<ProjectSummary> Projects { get; private set; } = [];

    public bool CanEdit => User.IsInRole(Roles.Admin);

    public async Task OnGetAsync(CancellationToken ct) => Projects = await queries.ListAsync(ct);
}
