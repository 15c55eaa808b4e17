using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace MailRouting.TestMailApis;

/// <summary>
/// Checks a bearer token at the test authorization server's introspection endpoint, as a resource server does.
/// </summary>
/// <param name="cache">Remember each active token's subject instead of asking again.</param>
public sealed class TokenCheck(Uri introspection, string clientId, string clientSecret, bool cache = false)
    : IDisposable
{
    private readonly HttpClient http = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> known = new();

    /// <returns>The token's subject (a mailbox, or the app's client id), or null when it is not an active
    /// token.</returns>
    public async Task<string?> SubjectAsync(string authorization)
    {
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return null;
        }

        if (known.TryGetValue(authorization, out var subject))
        {
            return subject;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, introspection)
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("token", authorization["Bearer ".Length..])]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{clientSecret}")));
        using var response = await http.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checkedSubject = json.RootElement.TryGetProperty("active", out var active)
            && active.ValueKind == JsonValueKind.True && json.RootElement.TryGetProperty("sub", out var sub)
                ? sub.GetString()
                : null;
        if (cache && checkedSubject is not null)
        {
            known[authorization] = checkedSubject;
        }

        return checkedSubject;
    }

    public void Dispose() => http.Dispose();
}
