using MailRouting.Connections;
using MailRouting.Dkim;
using MailRouting.Data;
using MailRouting.OAuth;
using MailRouting.Outbox;
using MailRouting.Resolution;
using MailRouting.Secrets;
using MailRouting.Servers;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace MailRouting.Tests.Outbox.Delivery;

/// <summary>
/// An in-memory SQLite outbox with password servers and queued messages, and delivery passes built as the app builds them.
/// </summary>
internal sealed class OutboxDatabase : IAsyncDisposable
{
    public const string Login = "relay@acme.test";
    private readonly SqliteConnection connection = new("Data Source=:memory:");
    private readonly SecretProtector secrets = new(new EphemeralDataProtectionProvider());
    private readonly LargeMessageMemory memory = new(TimeProvider.System);

    private OutboxDatabase()
    {
    }

    public static async Task<OutboxDatabase> CreateAsync()
    {
        var database = new OutboxDatabase();
        await database.connection.OpenAsync();
        await using var db = database.Open();
        await db.Database.EnsureCreatedAsync();
        return database;
    }

    public MailRoutingDbContext Open() => new(new DbContextOptionsBuilder<MailRoutingDbContext>().UseSqlite(connection).Options);

    public async Task<int> ServerAsync(int? parallel = null, int? perSession = null, string host = "scripted.test",
        int timeoutSeconds = SmtpServer.DefaultTimeoutSeconds, int? perMinute = null)
    {
        await using var db = Open();
        var server = new SmtpServer
        {
            Name = host, Host = host, Port = 25, TimeoutSeconds = timeoutSeconds, IsDefault = host == "scripted.test", Kind = ServerKind.Custom,
            Security = SmtpSecurity.None, AuthMethod = SmtpAuthMethod.Plain, Username = Login, ProtectedPassword = secrets.Protect("relay-secret"),
            SenderAddress = Login, MaxConcurrentSessions = parallel, MaxMessagesPerSession = perSession, MaxMessagesPerMinute = perMinute,
        };
        db.SmtpServers.Add(server);
        await db.SaveChangesAsync();
        return server.Id;
    }

    /// <param name="now">When the messages were queued; now by the system clock when not given.</param>
    public async Task<List<Guid>> QueueAsync(int serverId, int count, DateTime? now = null)
    {
        await using var db = Open();
        var queued = now ?? DateTime.UtcNow;
        var messages = Enumerable.Range(0, count).Select(i =>
        {
            var id = $"{Guid.NewGuid():N}@acme.test";
            var mime = new MimeMessage { Subject = $"Message {i}", MessageId = id };
            mime.From.Add(MailboxAddress.Parse(Login));
            mime.To.Add(MailboxAddress.Parse($"customer{i}@customer.test"));
            mime.Body = new TextPart("plain") { Text = "Hello" };
            return new OutboxMessage
            {
                MessageId = id, SenderKind = SenderKind.Channel, SenderId = "1", CreatedBy = "admin", ServerId = serverId,
                Credentials = CredentialSource.Server, Login = Login, FromAddress = Login, EnvelopeFrom = Login,
                Recipients = [$"customer{i}@customer.test"], Subject = $"Message {i}", Mime = MimeBytes.Of(mime), Status = MessageStatus.Queued,
                CreatedAt = queued, NextAttemptAt = queued,
            };
        }).ToList();
        db.Outbox.AddRange(messages);
        await db.SaveChangesAsync();
        return [.. messages.Select(m => m.Id)];
    }

    public async Task<List<OutboxMessage>> MessagesAsync()
    {
        await using var db = Open();
        return await db.Outbox.AsNoTracking().OrderBy(m => m.Subject).ToListAsync();
    }

    /// <summary>The services of one worker's passes.</summary>
    public ServiceProvider Worker(string worker, SendingOptions options, TimeProvider time) =>
        new ServiceCollection()
            .AddLogging()
            .AddMetrics()
            .AddSingleton<DeliveryMetrics>()
            .AddSingleton(options)
            .AddSingleton(new WorkerIdentity(worker))
            .AddSingleton(memory)
            .AddSingleton(time)
            .AddSingleton(secrets)
            .AddSingleton<DkimSigners>()
            .AddScoped(_ => Open())
            .AddScoped(provider => PasswordSignIns.Tokens(provider.GetRequiredService<MailRoutingDbContext>(), secrets))
            .AddScoped(provider => PasswordSignIns.For(provider.GetRequiredService<MailRoutingDbContext>(), secrets))
            .AddDeliveryPass()
            .BuildServiceProvider();

    public async ValueTask DisposeAsync()
    {
        await connection.DisposeAsync();
        memory.Dispose();
    }
}
