using System.Net;
using System.Text.RegularExpressions;

namespace MailRouting.TestAuthServer;

/// <summary>What a person does at the test provider, over plain HTTP: open the sign-in page, sign in, allow, and follow the redirect back.</summary>
public static partial class ProviderConsent
{
    /// <returns>The address the provider sends the browser back to (the app's callback with code and state).</returns>
    /// <exception cref="InvalidOperationException">The provider showed no sign-in form or did not send the browser back.</exception>
    public static async Task<Uri> SignInAndAllowAsync(Uri authorizationUrl, string login, string password, string consent = "allow")
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var page = await browser.GetStringAsync(authorizationUrl);
        var fields = HiddenField().Matches(page).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        if (!fields.ContainsKey("code_challenge"))
        {
            throw new InvalidOperationException($"The provider's sign-in page carries no authorization request: {page}");
        }

        fields["username"] = login;
        fields["password"] = password;
        fields["consent"] = consent;
        var answer = await browser.PostAsync(new Uri(authorizationUrl, "/connect/authorize"), new FormUrlEncodedContent(fields));
        return answer.StatusCode == HttpStatusCode.Redirect
            ? answer.Headers.Location!
            : throw new InvalidOperationException($"The provider answered {answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">", RegexOptions.None, 1000)]
    private static partial Regex HiddenField();
}
