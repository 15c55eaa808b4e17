using System.Net;
using MailRouting.IntegrationTests.Data;

namespace MailRouting.IntegrationTests.Api;

/// <summary>The app as an operator starts it: the usual ASP.NET Core settings work, and bad settings stop it with a clear message.</summary>
public sealed class StartupTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("mailrouting-startup-").FullName;
    private readonly List<AppProcess> processes = [];

    public void Dispose()
    {
        processes.ForEach(p => p.Dispose());
        TestDatabase.Drop(folder);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task AspNetCoreUrls_FromTheEnvironment_IsWhereTheAppListens()
    {
        var port = AppProcess.FreePort();
        var app = AppProcess.Start(folder, port, new Dictionary<string, string> { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" });
        processes.Add(app);

        using var client = await app.AdminClientAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Theory]
    [InlineData("Delivery__BatchSize", "0", "Delivery:BatchSize")]
    [InlineData("Delivery__IdleSessionSeconds", "0", "Delivery:IdleSessionSeconds")]
    [InlineData("Delivery__SaveIntervalMilliseconds", "-5", "Delivery:SaveIntervalMilliseconds")]
    public async Task OutOfRangeDeliverySetting_StopsTheAppAndNamesIt(string variable, string value, string named)
    {
        var app = AppProcess.Start(folder, environment: new Dictionary<string, string> { [variable] = value });
        processes.Add(app);

        Assert.True(await app.ExitsWithinAsync(TimeSpan.FromSeconds(60)), "The app kept running with " + named + "=" + value);
        Assert.NotEqual(0, app.ExitCode);
        Assert.Contains($"{named} is {value}; it must be between", app.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Provider", "Yahoo", "OAuth:Apps:Office:Provider is 'Yahoo'; it must be Microsoft365, Google or Other.")]
    [InlineData("ClientSecret", "", "OAuth:Apps:Office:ClientSecret: Enter the client secret")]
    public async Task InvalidConfiguredOAuthApp_StopsTheAppAndNamesTheSetting(string setting, string value, string message)
    {
        var environment = new Dictionary<string, string>
        {
            ["OAuth__Apps__Office__Provider"] = "Microsoft365", ["OAuth__Apps__Office__ClientId"] = "client", ["OAuth__Apps__Office__ClientSecret"] = "secret",
            [$"OAuth__Apps__Office__{setting}"] = value,
        };
        var app = AppProcess.Start(folder, environment: environment);
        processes.Add(app);

        Assert.True(await app.ExitsWithinAsync(TimeSpan.FromSeconds(60)), "The app kept running with an invalid OAuth app");
        Assert.NotEqual(0, app.ExitCode);
        Assert.Contains(message, app.Output, StringComparison.Ordinal);
    }
}
