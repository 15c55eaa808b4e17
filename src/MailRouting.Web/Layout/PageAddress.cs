using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MailRouting.Web.Layout;

public static class PageAddress
{
    /// <summary>The page's own address (with the path base, without the handler): where a post comes back to.</summary>
    public static string Here(this PageModel page) => $"{page.Request.PathBase}{page.Request.Path}";
}
