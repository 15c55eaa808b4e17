using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MailRouting.Data;
using MailRouting.IntegrationTests.Data;
using MailRouting.IntegrationTests.Mta;
using MailRouting.Secrets;
using MailRouting.Servers;
using MailRouting.Users;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MailRouting.IntegrationTests;

/// <summary>The real app on a real database (a SQLite file in its own temporary folder, or its own PostgreSQL database), with its log file in that folder.</summary>
public sealed partial class AppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string> settings;

    public AppFactory()
        : this(new Dictionary<string, string>())
    {
    }

    private AppFactory(IReadOnlyDictionary<string, string> settings) => this.settings = settings;

    /// <summary>An app with configuration of its own, as an operator would set it.</summary>
    public static AppFactory With(IReadOnlyDictionary<string, string> settings) => new(settings);

    public const string AdminEmail = "admin@acme.test";
    public const string AdminPassword = "Admin-Pa55word!";

    /// <summary>The app's clock: the system's, until the test moves it forward.</summary>
    public JumpingClock Clock { get; } = new();

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "mailrouting-web-" + Guid.NewGuid().ToString("N"));

    private string LogFolder => Path.Combine(Folder, "logs");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in TestDatabase.SettingsFor(Folder))
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Logging:FilePath", Path.Combine(LogFolder, "mailrouting-.log"));
        builder.UseSetting(AdminSeeder.EmailVariable, AdminEmail);
        builder.UseSetting(AdminSeeder.PasswordVariable, AdminPassword);
        // Tests wait for deliveries: poll often and retry after a second instead of half a minute.
        builder.UseSetting("Delivery:PollMilliseconds", "100");
        builder.UseSetting("Delivery:RetryBaseSeconds", "1");
        // The address the in-memory test server answers as; OAuth callbacks are built from it.
        builder.UseSetting("PublicUrl", "http://localhost");
        builder.UseSetting("Dns:Servers", Dns.TestDns.Server);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, TestRemoteAddress>().AddSingleton<TimeProvider>(Clock));
    }

    public Task InitializeAsync()
    {
        _ = Server;
        return Task.CompletedTask;
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        TestDatabase.Drop(Folder);
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    /// <returns>The new user's id.</returns>
    public async Task<string> CreateUserAsync(string email, string role, string password)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user.Id;
    }

    /// <summary>A client for /api/v1 holding a bearer token from POST /api/v1/auth/login.</summary>
    public async Task<HttpClient> ApiClientAsync(string email = AdminEmail, string password = AdminPassword)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Bearer", (string?)token["tokenType"]);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string?)token["accessToken"]);
        return client;
    }

    /// <summary>A client that signed in through the real sign-in page and keeps its cookie, as a browser would.</summary>
    public async Task<HttpClient> BrowserAsync(string email = AdminEmail, string password = AdminPassword)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>The Internal server comes from configuration; here the system administrator points it at the test MTA.</summary>
    public async Task<int> PointInternalAtAsync(MtaFixture mta)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailRoutingDbContext>();
        var internalServer = await db.SmtpServers.SingleAsync(s => s.Kind == ServerKind.Internal);
        internalServer.Host = MtaFixture.Host;
        internalServer.Port = mta.SubmissionPort;
        internalServer.Security = SmtpSecurity.StartTls;
        internalServer.AuthMethod = SmtpAuthMethod.Plain;
        internalServer.Username = "relay@acme.test";
        internalServer.ProtectedPassword = scope.ServiceProvider.GetRequiredService<SecretProtector>().Protect("relay-secret-4");
        internalServer.SenderAddress = "relay@acme.test";
        internalServer.PinnedCertificateSha256 = mta.CertificateSha256;
        await db.SaveChangesAsync();
        return internalServer.Id;
    }

    /// <summary>The log's lines written at Error level or above: "2026-12-03 06:00:00.000 +00:00 [ERR] …" at a line's start.</summary>
    public IReadOnlyList<string> ErrorLines() => [.. LogText().Split('\n').Where(l => ErrorLine().IsMatch(l))];

    [GeneratedRegex(@"^\r?\d{4}-\d\d-\d\d [\d:.]+ [+-]\d\d:\d\d \[(ERR|FTL)\]", RegexOptions.None, 1000)]
    private static partial Regex ErrorLine();

    public string LogText() => string.Concat(Directory.EnumerateFiles(LogFolder).Select(file =>
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }));
}

public static partial class FormPosting
{
    /// <summary>Opens the page, takes its antiforgery token and posts the form, like a browser submitting it.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetStringAsync(formPage ?? url);
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryTokenOf(page));
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    public static string AntiforgeryTokenOf(string page)
    {
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, "No antiforgery token on the page");
        return token.Groups[1].Value;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
