using System.Text.Json;
using CsCheck;
using MailRouting.Data;
using MailRouting.Resolution;
using MailRouting.Secrets;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MailRouting.Tests.Resolution;

/// <summary>
/// Real secrets, encrypted as the app stores them, go through the loaders that read them (<see cref="SenderResolution"/> on a
/// SQLite database); nothing the resolution says or prints may contain a password, in plain text or encrypted.
/// </summary>
public sealed class SecretsThroughLoadersPropertyTests : IDisposable
{
    private readonly SqliteConnection connection = new("Data Source=:memory:");
    private readonly SecretProtector secrets = new(new EphemeralDataProtectionProvider());
    private readonly SenderResolver resolver = new(new SenderNameFormat("{name} via {organization}", "Acme"));

    public SecretsThroughLoadersPropertyTests()
    {
        connection.Open();
        using var db = Database();
        db.Database.EnsureCreated();
    }

    public void Dispose() => connection.Dispose();

    private MailRoutingDbContext Database() =>
        new(new DbContextOptionsBuilder<MailRoutingDbContext>().UseSqlite(connection).Options);

    private static readonly Gen<string> Secret = Gen.String[Gen.Char.AlphaNumeric, 12, 20].Select(s => "pw-" + s);

    [Fact]
    public void Resolve_FromTheDatabase_NeverSaysOrPrintsAPassword() =>
        Gen.Select(SenderResolverPropertyTests.Configurations, Secret.Array[8]).Sample((config, passwords) =>
        {
            var plain = new List<string>();
            string Store(int index)
            {
                plain.Add(passwords[index % passwords.Length] + index);
                return secrets.Protect(plain[^1]);
            }

            using var db = Database();
            db.Outbox.ExecuteDelete();
            db.EmailChannels.ExecuteDelete();
            db.Users.ExecuteDelete();
            db.SmtpServers.ExecuteDelete();
            foreach (var (server, i) in config.Servers.Select((s, i) => (s, i)))
            {
                server.ProtectedPassword = server.ProtectedPassword is null ? null : Store(i);
                db.SmtpServers.Add(server);
            }

            if (config.Channel is { } channel)
            {
                channel.ProtectedPassword = channel.ProtectedPassword is null ? null : Store(6);
                channel.ServerId = config.Servers.Any(s => s.Id == channel.ServerId) ? channel.ServerId : null;
                db.EmailChannels.Add(channel);
            }
            else
            {
                var user = config.User!;
                user.ProtectedSmtpPassword = user.ProtectedSmtpPassword is null ? null : Store(7);
                user.ServerId = config.Servers.Any(s => s.Id == user.ServerId) ? user.ServerId : null;
                db.Users.Add(user);
            }

            db.SaveChanges();
            var encrypted = db.SmtpServers.AsNoTracking().Select(s => s.ProtectedPassword).AsEnumerable()
                .Concat(db.EmailChannels.AsNoTracking().Select(c => c.ProtectedPassword).AsEnumerable())
                .Concat(db.Users.AsNoTracking().Select(u => u.ProtectedSmtpPassword).AsEnumerable()).OfType<string>().ToList();
            var resolution = new SenderResolution(db, resolver, PasswordSignIns.For(db, secrets), new RoutingCache(TimeProvider.System, TimeSpan.Zero),
                new Channels.ChannelAccessRules(db), new Projects.ProjectContexts(db));

            var resolved = (config.Channel is { } c
                ? resolution.ForChannelAsync(c.Id, CancellationToken.None)
                : resolution.ForUserAsync(config.User!.Id, CancellationToken.None)).GetAwaiter().GetResult()!;

            var said = string.Join("\n", [
                resolved.ToString(),
                JsonSerializer.Serialize(resolved.Resolution.Plan?.Steps ?? resolved.Resolution.Failure!.Steps),
                resolved.Resolution.Plan?.Summary ?? "",
                JsonSerializer.Serialize(resolved.Resolution.Failure),
                resolved.Resolution.Ok ? resolution.SignInForAsync(resolved, CancellationToken.None).GetAwaiter().GetResult().Endpoint!.ToString() : "",
            ]);
            Assert.All(plain.Concat(encrypted), secret => Assert.DoesNotContain(secret, said, StringComparison.Ordinal));
        }, iter: 150, threads: 1);
}
