using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace MailRouting.IntegrationTests.Security;

/// <summary>
/// Every page handler that takes a post, sent by an admin with every field it binds malformed: text where a number,
/// a choice, a date or a yes/no belongs, control characters in text, nothing where a value is needed. None answers 500,
/// none writes an error line to the log, and a post without its antiforgery token is 400.
/// </summary>
public sealed class MalformedPagePostTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Garbage = "not-a-value\r\n[ERR] forged line\u0000";

    [Theory]
    [InlineData("Admin")]
    [InlineData("Support")]
    [InlineData("Agent")]
    public async Task EveryPageHandler_GivenMalformedOrNoFields_AnswersBelow500_AndLogsNoError(string role)
    {
        var ids = await ExistingIdsAsync();
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@acme.test";
        await app.CreateUserAsync(email, role, "Fuzz-Pa55word!");
        var browser = await app.BrowserAsync(email, "Fuzz-Pa55word!");
        var token = WebUtility.HtmlDecode(FormPosting.AntiforgeryTokenOf(await browser.GetStringAsync("/Profile")));
        var failures = new List<string>();
        var handlers = 0;
        foreach (var (url, fields) in Posts(ids))
        {
            handlers++;
            foreach (var form in new[] { fields.ToDictionary(f => f, _ => Garbage), [] })
            {
                form["__RequestVerificationToken"] = token;
                using var response = await browser.PostAsync(url, new FormUrlEncodedContent(form));
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{url} with {(form.Count > 1 ? "malformed" : "no")} fields: {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(handlers > 40, $"only {handlers} page handlers were found");
        Assert.True(failures.Count == 0, $"{failures.Count} posts failed:\n{string.Join('\n', failures)}");
        Assert.Empty(app.ErrorLines());
    }

    [Fact]
    public async Task APostWithoutItsAntiforgeryToken_Is400()
    {
        var admin = await app.BrowserAsync();

        using var response = await admin.PostAsync("/SmtpServers/Edit", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Name"] = "x" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>One of each thing the pages edit, so that a post reaches the handler's work, not only its "not found".</summary>
    private async Task<Dictionary<string, string>> ExistingIdsAsync()
    {
        var api = await app.ApiClientAsync();
        async Task<string> IdAsync(string path, object body)
        {
            var created = await api.PostAsJsonAsync(path, body);
            Assert.True(created.IsSuccessStatusCode, $"{path}: {await created.Content.ReadAsStringAsync()}");
            return (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.ToString();
        }

        var server = await IdAsync("/api/v1/smtp-servers", new { name = $"Fuzz {Guid.NewGuid():N}", host = "smtp.fuzz.test", security = "StartTls", authMethod = "Plain", username = "a@fuzz.test", password = "p" });
        var channel = await IdAsync("/api/v1/channels", new { name = $"Fuzz {Guid.NewGuid():N}", address = $"{Guid.NewGuid():N}@fuzz.test", serverId = int.Parse(server, CultureInfo.InvariantCulture) });
        return new Dictionary<string, string>
        {
            ["SmtpServers"] = server,
            ["Channels"] = channel,
            ["Groups"] = await IdAsync("/api/v1/groups", new { name = $"Fuzz {Guid.NewGuid():N}" }),
            ["Projects"] = await IdAsync("/api/v1/projects", new { name = $"Fuzz {Guid.NewGuid():N}" }),
            ["OAuthApps"] = await IdAsync("/api/v1/oauth-apps", new { name = $"Fuzz {Guid.NewGuid():N}", provider = "Google", clientId = "id", clientSecret = "secret" }),
            ["Users"] = await IdAsync("/api/v1/users", new { email = $"{Guid.NewGuid():N}@fuzz.test", role = "Agent", password = "Fuzz-Pa55word!" }),
            ["Messages"] = await IdAsync("/api/v1/messages", new { from = new { channelId = int.Parse(channel, CultureInfo.InvariantCulture) }, to = new[] { "c@customer.test" }, subject = "x", text = "x" }),
        };
    }

    /// <summary>Each page's post handlers, with the route filled in and the names of the fields it binds.</summary>
    private IEnumerable<(string Url, IReadOnlyList<string> Fields)> Posts(Dictionary<string, string> ids)
    {
        var pages = app.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>()
            .Where(p => p.AttributeRouteInfo?.Template is not null)
            .DistinctBy(p => p.ViewEnginePath);
        foreach (var page in pages)
        {
            var model = typeof(Program).Assembly.GetType("MailRouting.Web.Pages" + page.ViewEnginePath.Replace('/', '.') + "Model");
            if (model is null || !typeof(PageModel).IsAssignableFrom(model))
            {
                continue;
            }

            var bound = model.GetProperties().Where(p => p.GetCustomAttribute<BindPropertyAttribute>() is not null).SelectMany(p => Fields(p.Name, p.PropertyType)).ToList();
            foreach (var handler in model.GetMethods().Where(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal)))
            {
                var name = handler.Name["OnPost".Length..].Replace("Async", "", StringComparison.Ordinal);
                var parameters = handler.GetParameters().Where(p => p.ParameterType != typeof(CancellationToken)).SelectMany(p => Fields(p.Name!, p.ParameterType));
                var url = Route(page.AttributeRouteInfo!.Template!, ids) + (name.Length > 0 ? $"?handler={name}" : "");
                yield return (url, [.. bound.Concat(parameters).Distinct()]);
            }
        }
    }

    /// <summary>A simple value is one field; a form object is one field per property ("Input.Port").</summary>
    private static IEnumerable<string> Fields(string name, Type type) =>
        type == typeof(string) || type.IsValueType || Nullable.GetUnderlyingType(type) is not null || type.IsArray || type.IsGenericType
            ? [name]
            : type.GetProperties().Where(p => p.CanWrite).SelectMany(p => Fields($"{name}.{p.Name}", p.PropertyType));

    /// <summary>"SmtpServers/Edit/{id:int?}" → "/SmtpServers/Edit/2": the id of the folder's thing that exists.</summary>
    private static string Route(string template, Dictionary<string, string> ids)
    {
        var segments = template.Split('/');
        var id = ids.GetValueOrDefault(segments[0], "1");
        return "/" + string.Join('/', segments.Select(segment => segment.StartsWith('{') ? id : segment));
    }
}
