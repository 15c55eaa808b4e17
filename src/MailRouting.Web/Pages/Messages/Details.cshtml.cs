using MailRouting.Sending;
using MailRouting.Users;
using MailRouting.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Pages.Messages;

public sealed class DetailsModel(MessageQueries queries, MessageService service) : PageModel
{
    public MessageView Message { get; private set; } = null!;

    public bool CanRetry => User.IsInRole(Roles.Admin) && Message.Status == MessageStatus.Failed;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var message = await queries.FindAsync(id, MessageEndpoints.ActorOf(User), ct);
        if (message is null)
        {
            return NotFound();
        }

        Message = message;
        return Page();
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Admin))
        {
            return Forbid();
        }

        TempData.Report(await service.RetryAsync(id, MessageEndpoints.ActorOf(User), ct), message =>
            $"The message is queued again, from {message.FromAddress}" + (message.Login is null ? "." : $", signed in as {message.Login}."));

        return RedirectToPage(new { id });
    }
}
