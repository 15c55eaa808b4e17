using System.Net;

namespace MailRouting.IntegrationTests.Data;

/// <summary>Several instances started at once on an empty database, as a scaled deployment starts: each one migrates and seeds, and all come up.</summary>
public sealed class ConcurrentStartTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("mailrouting-concurrent-start-").FullName;

    public void Dispose()
    {
        TestDatabase.Drop(folder);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task SixInstancesStartingAtOnce_AllComeUpWithOneAdminAndOneInternalServer()
    {
        var settings = TestDatabase.SettingsFor(folder);
        var apps = Enumerable.Range(0, 6).Select(_ => AppFactory.With(settings)).ToList();
        try
        {
            var started = await Task.WhenAll(apps.Select(app => Task.Run(async () =>
            {
                try
                {
                    await app.InitializeAsync();
                    return (await app.CreateClient().GetAsync("/healthz")).StatusCode.ToString();
                }
                catch (Exception exception)
                {
                    return exception.GetBaseException().Message;
                }
            })));

            Assert.All(started, s => Assert.Equal(nameof(HttpStatusCode.OK), s));
            using var api = await apps[0].ApiClientAsync();
            var admins = await api.GetStringAsync("/api/v1/users");
            var servers = await api.GetStringAsync("/api/v1/smtp-servers");
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(admins, AppFactory.AdminEmail));
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(servers, "\"kind\":\"Internal\""));
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }
        }
    }
}
