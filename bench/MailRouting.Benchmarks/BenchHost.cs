using MailRouting.Channels;
using MailRouting.Data;
using MailRouting.Servers;
using MailRouting.Users;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MailRouting.Benchmarks;

/// <summary>
/// The app in this process on a fresh SQLite file seeded with <paramref name="users"/> users, <paramref name="channels"/>
/// channels and <paramref name="servers"/> custom servers (plus the Internal one), for the resolver and page benchmarks.
/// </summary>
public sealed class BenchHost(int users, int channels, int servers, Action<IServiceCollection>? configure = null) : WebApplicationFactory<Program>
{
    public const string AdminEmail = "bench@acme.test";
    public const string AdminPassword = "Bench-Pa55word!";

    private readonly string folder = Path.Combine(Path.GetTempPath(), $"mailrouting-bench-{Guid.NewGuid():N}");

    public IReadOnlyList<string> UserIds { get; private set; } = [];

    public IReadOnlyList<int> ChannelIds { get; private set; } = [];

    public IReadOnlyList<int> ServerIds { get; private set; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(Path.Combine(Repository.Root, "src/MailRouting.Web"));
        builder.UseSetting("ConnectionStrings:MailRouting", $"Data Source={Path.Combine(folder, "mailrouting.db")}");
        builder.UseSetting("Logging:FilePath", Path.Combine(folder, "logs", "app-.log"));
        builder.UseSetting("MAILROUTING_ADMIN_EMAIL", AdminEmail);
        builder.UseSetting("MAILROUTING_ADMIN_PASSWORD", AdminPassword);
        if (configure is not null)
        {
            builder.ConfigureServices(configure);
        }
    }

    public async Task SeedAsync()
    {
        _ = Server;
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailRoutingDbContext>();
        var customServers = Enumerable.Range(1, servers).Select(i => new Servers.SmtpServer
        {
            Name = $"Relay {i:D2}", Host = $"smtp{i}.example.test", Port = 587, Security = SmtpSecurity.StartTls, AuthMethod = SmtpAuthMethod.Plain,
            Username = $"relay{i}@example.test", ProtectedPassword = "protected", SenderAddress = $"relay{i}@example.test",
            SendAs = [$"@brand{i}.test"],
        }).ToList();
        db.SmtpServers.AddRange(customServers);
        await db.SaveChangesAsync();
        ServerIds = [.. customServers.Select(s => s.Id)];

        // Every fifth sender follows the default server; the others are spread over the custom ones, some with their own login.
        int? ServerFor(int i) => i % 5 == 0 ? null : ServerIds[i % ServerIds.Count];
        var channelRows = Enumerable.Range(0, channels).Select(i => new EmailChannel
        {
            Name = $"Channel {i:D5}", Address = $"channel{i}@brand{(i % servers) + 1}.test", DisplayName = $"Team {i}",
            ServerId = ServerFor(i), OverrideCredentials = i % 7 == 1 && ServerFor(i) is not null, ProtectedPassword = "protected",
        }).ToList();
        db.EmailChannels.AddRange(channelRows);
        var agentRole = await db.Roles.SingleAsync(r => r.Name == Roles.Agent);
        var userRows = Enumerable.Range(0, users).Select(i => new AppUser
        {
            UserName = $"agent{i}@acme.test", NormalizedUserName = $"AGENT{i}@ACME.TEST", Email = $"agent{i}@acme.test",
            NormalizedEmail = $"AGENT{i}@ACME.TEST", DisplayName = $"Agent {i:D5}", SecurityStamp = Guid.NewGuid().ToString(),
            ServerId = ServerFor(i), OverrideCredentials = i % 3 == 1 && ServerFor(i) is not null, ProtectedSmtpPassword = i % 2 == 0 ? "protected" : null,
        }).ToList();
        db.Users.AddRange(userRows);
        await db.SaveChangesAsync();
        db.UserRoles.AddRange(userRows.Select(u => new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = u.Id, RoleId = agentRole.Id }));
        await db.SaveChangesAsync();
        ChannelIds = [.. channelRows.Select(c => c.Id)];
        UserIds = [.. userRows.Select(u => u.Id)];
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
