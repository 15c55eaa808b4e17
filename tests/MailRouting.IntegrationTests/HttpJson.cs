using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MailRouting.IntegrationTests;

/// <summary>The JSON body of an API answer, for tests that read fields of it.</summary>
public static class HttpJson
{
    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonObject>())!;
}
