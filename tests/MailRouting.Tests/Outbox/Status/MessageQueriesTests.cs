using System.Data.Common;
using MailRouting.Data;
using MailRouting.Outbox;
using MailRouting.Outbox.Status;
using MailRouting.Resolution;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MailRouting.Tests.Outbox.Status;

/// <summary>The message list and page never read the stored MIME: it can be 25 MB per message.</summary>
public sealed class MessageQueriesTests : IAsyncLifetime
{
    private static readonly Actor Admin = new("admin", IsAdmin: true);
    private readonly SqliteConnection connection = new("Data Source=:memory:");
    private readonly CommandRecorder commands = new();

    public async Task InitializeAsync()
    {
        await connection.OpenAsync();
        await using var db = Database();
        await db.Database.EnsureCreatedAsync();
    }

    public async Task DisposeAsync() => await connection.DisposeAsync();

    [Fact]
    public async Task FindAndList_DoNotReadTheMime()
    {
        var id = await QueueAsync();
        await using var db = Database();
        var queries = new MessageQueries(db);
        commands.Texts.Clear();

        var found = await queries.FindAsync(id, Admin, CancellationToken.None);
        var listed = await queries.ListAsync(new MessageFilter(), Admin, CancellationToken.None);

        Assert.Equal("Hello", found?.Subject);
        Assert.Equal(id, Assert.Single(listed.Items).Id);
        Assert.Single(found!.Attempts);
        Assert.All(commands.Texts, sql => Assert.DoesNotContain("\"Mime\"", sql, StringComparison.Ordinal));
    }

    private MailRoutingDbContext Database() =>
        new(new DbContextOptionsBuilder<MailRoutingDbContext>().UseSqlite(connection).AddInterceptors(commands).Options);

    private async Task<Guid> QueueAsync()
    {
        await using var db = Database();
        var message = new OutboxMessage
        {
            MessageId = "m1@acme.test", SenderKind = SenderKind.Channel, SenderId = "1", CreatedBy = "admin", ServerId = 1, Credentials = CredentialSource.Server,
            FromAddress = "support@acme.test", EnvelopeFrom = "support@acme.test", Recipients = ["someone@customer.test"], Subject = "Hello",
            Mime = new byte[1024], Status = MessageStatus.Sent, CreatedAt = DateTime.UtcNow, NextAttemptAt = DateTime.UtcNow,
        };
        message.Attempts.Add(new DeliveryAttempt { At = DateTime.UtcNow, Outcome = "Sent", ServerReply = "250 2.0.0 Ok" });
        db.Outbox.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    }

    private sealed class CommandRecorder : DbCommandInterceptor
    {
        public List<string> Texts { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Texts.Add(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
