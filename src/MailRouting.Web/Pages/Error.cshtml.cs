using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Pages;

/// <summary>
/// What a page route answers for an error status or an exception, in the layout with a way back. The API keeps its
/// problem details; re-executed requests may be posts, so neither sign-in nor an antiforgery token is asked for.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    public (string Title, string Text) Explanation => Code switch
    {
        404 => ("Page not found", "There is no page at this address, or what it showed has been deleted."),
        403 => ("Access denied", "Your role does not allow this. Ask an admin if you need access."),
        400 => ("The request could not be read", "Go back and try again; if a form was open, reload it first."),
        _ => ("Something went wrong", "The error has been logged. Go back and try again; if it happens again, tell your admin the time it happened."),
    };

    /// <param name="code">From the address (a status re-executed here); after an exception the status already set.</param>
    public void OnGet(int? code) => Code = code ?? Response.StatusCode;

    public void OnPost(int? code) => OnGet(code);
}
