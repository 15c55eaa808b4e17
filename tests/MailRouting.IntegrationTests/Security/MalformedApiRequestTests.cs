using System.Text;
using System.Text.Json.Nodes;

namespace MailRouting.IntegrationTests.Security;

/// <summary>
/// Every API operation that takes a body, sent what a careless or hostile client sends: broken JSON, the wrong shape,
/// each property with a value of the wrong type, and another Content-Type. Each is answered 400 (or 415) with problem
/// details, and none writes an error line to the log.
/// </summary>
public sealed class MalformedApiRequestTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task EveryOperationWithABody_RefusesMalformedBodies_With400Or415_AndLogsNoError()
    {
        var admin = await app.ApiClientAsync();
        var document = JsonNode.Parse(await admin.GetStringAsync("/openapi/v1.json"))!;
        var answers = new List<string>();
        var operations = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject().Where(o => o.Value?["requestBody"]?["content"]?["application/json"] is not null))
            {
                operations++;
                var url = Url(path, operation!);
                var schema = Resolve(document, operation!["requestBody"]!["content"]!["application/json"]!["schema"]!);
                foreach (var (label, body, contentType, expected) in Bodies(document, schema))
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url) { Content = new StringContent(body, Encoding.UTF8, contentType) };
                    using var response = await admin.SendAsync(request);
                    var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
                    if ((int)response.StatusCode != expected || !problem)
                    {
                        answers.Add($"{method.ToUpperInvariant()} {url} {label}: {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}");
                    }
                }
            }
        }

        Assert.True(operations > 20, $"only {operations} operations with a JSON body were found");
        Assert.True(answers.Count == 0, string.Join("\n", answers));
        Assert.Empty(app.ErrorLines());
    }

    /// <summary>The path with each parameter filled with a value of its type; the body is refused before the value matters.</summary>
    private static string Url(string path, JsonNode operation)
    {
        foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
        {
            var value = (string?)parameter!["schema"]?["type"] switch
            {
                "integer" => "1",
                _ when (string?)parameter["schema"]?["format"] == "uuid" => Guid.NewGuid().ToString(),
                _ => "x",
            };
            path = path.Replace($"{{{parameter["name"]}}}", value, StringComparison.Ordinal);
        }

        return path;
    }

    private static IEnumerable<(string Label, string Body, string ContentType, int Expected)> Bodies(JsonNode document, JsonNode schema)
    {
        yield return ("broken JSON", "{\"name\": ", "application/json", 400);
        yield return ("an array for an object", "[1, 2, 3]", "application/json", 400);
        yield return ("plain text", "{}", "text/plain", 415);
        foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
        {
            if (WrongValue(Resolve(document, property!)) is { } wrong)
            {
                yield return ($"{name} = {wrong}", $"{{\"{name}\": {wrong}}}", "application/json", 400);
            }
        }
    }

    /// <summary>A JSON value no property of this type accepts; none for a property that takes anything.</summary>
    private static string? WrongValue(JsonNode property)
    {
        var types = property["type"] switch
        {
            JsonArray many => many.Select(t => (string?)t).ToList(),
            JsonValue one => [(string?)one],
            _ => property["enum"] is not null ? ["string"] : [],
        };
        return types.Contains("string") ? "[\"x\\n[ERR] forged\\u0000\"]"
            : types.Contains("integer") || types.Contains("number") ? "\"x\\r\\n[ERR] forged\""
            : types.Contains("boolean") ? "\"maybe\""
            : types.Contains("array") ? "\"not a list\""
            : types.Contains("object") ? "42"
            : null;
    }

    private static JsonNode Resolve(JsonNode document, JsonNode schema) =>
        schema["$ref"] is { } reference ? document["components"]!["schemas"]![((string)reference!).Split('/')[^1]]! : schema;
}
