using System.Text.Json.Nodes;

namespace MailRouting.IntegrationTests.Api;

/// <summary>
/// Walks /openapi/v1.json and fails for any operation whose answers a generated client could not rely on: an id and a
/// summary, every status it really answers with its schema, the bearer scheme where it is needed, write-only secrets.
/// </summary>
public sealed class OpenApiDocumentTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string[] Anonymous = ["/api/v1/auth/login", "/api/v1/auth/refresh"];

    private async Task<JsonObject> DocumentAsync() => JsonNode.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"))!.AsObject();

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(op => (path.Key, op.Key, op.Value!.AsObject())));

    [Fact]
    public async Task EveryOperation_HasAnIdASummaryAndASuccessWithItsBody()
    {
        var operations = Operations(await DocumentAsync()).ToList();

        Assert.True(operations.Count >= 33, $"{operations.Count} operations");
        Assert.All(operations, o => Assert.False(string.IsNullOrWhiteSpace((string?)o.Operation["operationId"]), $"{o.Method} {o.Path} has no operationId"));
        Assert.Equal(operations.Count, operations.Select(o => (string?)o.Operation["operationId"]).Distinct().Count());
        Assert.All(operations, o => Assert.False(string.IsNullOrWhiteSpace((string?)o.Operation["summary"]), $"{o.Method} {o.Path} has no summary"));
        foreach (var (path, method, operation) in operations)
        {
            var responses = operation["responses"]!.AsObject();
            var success = responses.Where(r => r.Key.StartsWith('2')).ToList();
            Assert.True(success.Count == 1, $"{method} {path} declares {success.Count} success answers");
            Assert.False(responses.ContainsKey("200") && success[0].Key != "200", $"{method} {path} declares a 200 it never gives");
            if (success[0].Key != "204")
            {
                // JSON, or for an event stream the schema of each event's data.
                var content = success[0].Value!["content"];
                Assert.True((content?["application/json"] ?? content?["text/event-stream"])?["schema"] is not null,
                    $"{method} {path} answers {success[0].Key} without a body schema");
            }
        }
    }

    [Fact]
    public async Task EveryError_IsDeclaredAsProblemDetails_WithTheSendFailureFieldsOn422()
    {
        var document = await DocumentAsync();

        foreach (var (path, method, operation) in Operations(document))
        {
            var responses = operation["responses"]!.AsObject();
            if (operation["requestBody"] is not null || method == "get" && path.EndsWith("/resolve", StringComparison.Ordinal))
            {
                Assert.True(responses.ContainsKey("400"), $"{method} {path} takes input but declares no 400");
            }

            foreach (var (status, answer) in responses.Where(r => r.Key[0] is '4'))
            {
                Assert.True(answer!["content"]?["application/problem+json"]?["schema"] is not null, $"{method} {path} {status} is not problem details");
            }
        }

        var sendFailure = document["components"]!["schemas"]!["SendFailureProblem"]!["properties"]!.AsObject();
        Assert.All(new[] { "code", "fix", "steps" }, field => Assert.True(sendFailure.ContainsKey(field), field));
        Assert.True(Operations(document).Single(o => (string?)o.Operation["operationId"] == "SendMessage").Operation["responses"]!.AsObject().ContainsKey("422"));
    }

    [Fact]
    public async Task EveryOperationButSignInAndRefresh_NeedsTheBearerToken()
    {
        var document = await DocumentAsync();

        Assert.Equal("bearer", (string?)document["components"]!["securitySchemes"]!["Bearer"]!["scheme"]);
        foreach (var (path, method, operation) in Operations(document))
        {
            var secured = operation["security"]?.AsArray().Any(r => r!.AsObject().ContainsKey("Bearer")) == true;
            Assert.True(secured != Anonymous.Contains(path), $"{method} {path}: bearer required {secured}");
            Assert.True(operation["responses"]!.AsObject().ContainsKey("401"), $"{method} {path} declares no 401");
        }
    }

    [Fact]
    public async Task Secrets_AreWriteOnly_AndEnumsAreTheirNames()
    {
        var schemas = (await DocumentAsync())["components"]!["schemas"]!.AsObject();

        var passwords = schemas.SelectMany(s => (s.Value!["properties"]?.AsObject() ?? []).Where(p => p.Key == "password").Select(p => (s.Key, p.Value))).ToList();
        Assert.NotEmpty(passwords);
        Assert.All(passwords, p => Assert.True((bool?)p.Value!["writeOnly"] == true, $"{p.Key}.password is not write-only"));
        Assert.Equal(["None", "StartTls", "SslOnConnect"], schemas["SmtpSecurity"]!["enum"]!.AsArray().Select(v => (string?)v));
        Assert.Equal(Enum.GetNames<MailRouting.Outbox.MessageStatus>(), schemas["MessageStatus"]!["enum"]!.AsArray().Select(v => (string?)v));
    }
}
