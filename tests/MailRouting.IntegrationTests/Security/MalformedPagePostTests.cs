using System.Net;
using System.Reflection;
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

    [Fact]
    public async Task EveryPageHandler_GivenMalformedFields_AnswersBelow500_AndLogsNoError()
    {
        var admin = await app.BrowserAsync();
        var token = FormPosting.AntiforgeryTokenOf(await admin.GetStringAsync("/Profile"));
        var failures = new List<string>();
        var handlers = 0;
        foreach (var (url, fields) in Posts())
        {
            handlers++;
            var form = fields.ToDictionary(f => f, _ => Garbage);
            form["__RequestVerificationToken"] = WebUtility.HtmlDecode(token);
            using var response = await admin.PostAsync(url, new FormUrlEncodedContent(form));
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{url}: {(int)response.StatusCode}");
            }
        }

        Assert.True(handlers > 40, $"only {handlers} page handlers were found");
        Assert.Empty(failures);
        Assert.DoesNotContain("[ERR]", app.LogText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APostWithoutItsAntiforgeryToken_Is400()
    {
        var admin = await app.BrowserAsync();

        using var response = await admin.PostAsync("/SmtpServers/Edit", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Name"] = "x" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>Each page's post handlers, with the route filled in and the names of the fields it binds.</summary>
    private IEnumerable<(string Url, IReadOnlyList<string> Fields)> Posts()
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
                var url = Route(page.AttributeRouteInfo!.Template!) + (name.Length > 0 ? $"?handler={name}" : "");
                yield return (url, [.. bound.Concat(parameters).Distinct()]);
            }
        }
    }

    /// <summary>A simple value is one field; a form object is one field per property ("Input.Port").</summary>
    private static IEnumerable<string> Fields(string name, Type type) =>
        type == typeof(string) || type.IsValueType || Nullable.GetUnderlyingType(type) is not null || type.IsArray || type.IsGenericType
            ? [name]
            : type.GetProperties().Where(p => p.CanWrite).SelectMany(p => Fields($"{name}.{p.Name}", p.PropertyType));

    /// <summary>"SmtpServers/Edit/{id:int?}" → "/SmtpServers/Edit/1": ids that exist where a number or text is asked for.</summary>
    private static string Route(string template) => "/" + string.Join('/', template.Split('/').Select(segment => segment switch
    {
        _ when !segment.StartsWith('{') => segment,
        _ when segment.Contains(":guid", StringComparison.Ordinal) => Guid.NewGuid().ToString(),
        _ when segment.Contains(":int", StringComparison.Ordinal) => "1",
        _ => "x",
    }));
}
