using System.Net;
using System.Text;

namespace MailRouting.TestAuthServer;

/// <summary>The provider's sign-in and consent page: the authorization request travels in hidden fields, as real providers keep it.</summary>
internal static class SignInPage
{
    public static string Render(IEnumerable<KeyValuePair<string, string?>> request, string? error)
    {
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><title>Sign in to Test Mail Provider</title><link rel=\"icon\" href=\"data:,\"></head><body>");
        html.Append("<h1>Test Mail Provider</h1><form method=\"post\" action=\"/connect/authorize\">");
        foreach (var (name, value) in request)
        {
            html.Append($"<input type=\"hidden\" name=\"{Encode(name)}\" value=\"{Encode(value)}\">");
        }

        if (error is not null)
        {
            html.Append($"<p role=\"alert\">{Encode(error)}</p>");
        }

        html.Append("<label>Email <input name=\"username\" type=\"email\" autocomplete=\"username\"></label>");
        html.Append("<label>Password <input name=\"password\" type=\"password\" autocomplete=\"current-password\"></label>");
        html.Append("<p>MailRouting asks to send mail as you and to keep access while you are away.</p>");
        html.Append("<button name=\"consent\" value=\"allow\">Allow</button> <button name=\"consent\" value=\"deny\">Deny</button>");
        return html.Append("</form></body></html>").ToString();
    }

    private static string Encode(string? value) => WebUtility.HtmlEncode(value ?? "");
}
