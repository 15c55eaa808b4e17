using MailRouting.Outbox.Intake;
using MailRouting.Web.Layout;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Forms;

/// <summary>The answer of a page's "Retry failed messages": back to the page, saying what happened.</summary>
public static class BulkRetryReport
{
    /// <param name="result">Null when the server or channel does not exist.</param>
    public static IActionResult Reported(this PageModel page, BulkRetryResult? result)
    {
        if (result is null)
        {
            return new NotFoundResult();
        }

        page.TempData.Success(result.Describe());
        return new RedirectResult(page.Here());
    }
}
