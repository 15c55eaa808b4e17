using MailRouting.Servers;
using MailRouting.Users;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Pages.SmtpServers;

public sealed class IndexModel(SmtpServerQueries queries) : PageModel
{
    public IReadOnlyList<SmtpServerSummary> Servers { get; private set; } = [];

    public bool CanEdit => User.IsInRole(Roles.Admin);

    public async Task OnGetAsync(CancellationToken ct) => Servers = await queries.ListAsync(ct);
}
