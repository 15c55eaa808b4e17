using MailRouting.Data;
using MailRouting.Outbox;
using MailRouting.Outbox.Claims;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace MailRouting.Tests.Outbox.Claims;

/// <summary>How workers share a login's parallel sessions through the database, on an in-memory SQLite database.</summary>
public sealed class SessionSlotsTests : IAsyncLifetime
{
    private const string Account = "ACCOUNT";
    private readonly SqliteConnection connection = new("Data Source=:memory:");
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private readonly SendingOptions options = SendingOptions.From(new ConfigurationBuilder().Build());

    public async Task InitializeAsync()
    {
        await connection.OpenAsync();
        await using var db = Database();
        await db.Database.EnsureCreatedAsync();
    }

    public async Task DisposeAsync() => await connection.DisposeAsync();

    private MailRoutingDbContext Database() => new(new DbContextOptionsBuilder<MailRoutingDbContext>().UseSqlite(connection).Options);

    private async Task<IReadOnlyList<int>> TakeAsync(string worker, int limit, int wanted)
    {
        await using var db = Database();
        return await new SessionSlots(db, new WorkerIdentity(worker), options, clock).TakeAsync(Account, (1, "relay@acme.test"), limit, wanted, CancellationToken.None);
    }

    private async Task SyncAsync(string worker, params (string, int)[] open) => await SyncAsync(worker, [], open);

    private async Task SyncAsync(string worker, int[] inFlight, params (string, int)[] open)
    {
        await using var db = Database();
        await new SessionSlots(db, new WorkerIdentity(worker), options, clock).SyncAsync(open, inFlight, CancellationToken.None);
    }

    [Fact]
    public async Task Take_TwoWorkers_NeverHoldMoreThanTheLimitTogether()
    {
        var first = await TakeAsync("first", limit: 3, wanted: 2);
        var second = await TakeAsync("second", limit: 3, wanted: 3);
        var third = await TakeAsync("third", limit: 3, wanted: 1);

        Assert.Equal([0, 1], first);
        Assert.Equal([2], second);
        Assert.Empty(third);
    }

    [Fact]
    public async Task Take_AgainBySameWorker_KeepsItsSlots()
    {
        await TakeAsync("first", limit: 2, wanted: 1);

        Assert.Equal([0, 1], await TakeAsync("first", limit: 2, wanted: 2));
        Assert.Empty(await TakeAsync("second", limit: 2, wanted: 2));
    }

    [Fact]
    public async Task Take_SlotsOfAWorkerThatStoppedRenewing_AreFreeAfterOneLease()
    {
        await TakeAsync("dead", limit: 2, wanted: 2);
        clock.Advance(options.Lease - TimeSpan.FromSeconds(1));
        Assert.Empty(await TakeAsync("alive", limit: 2, wanted: 2));

        clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal([0, 1], await TakeAsync("alive", limit: 2, wanted: 2));
    }

    [Fact]
    public async Task Sync_GivesBackSlotsWhoseSessionClosed_AndRenewsTheOthers()
    {
        await TakeAsync("first", limit: 2, wanted: 2);
        clock.Advance(options.Lease / 2);

        await SyncAsync("first", (Account, 1));
        clock.Advance((options.Lease / 2) + TimeSpan.FromSeconds(1));

        // Slot 0 was given back at once; slot 1 was renewed, so it is still held after the first lease would have ended.
        Assert.Equal([0], await TakeAsync("second", limit: 2, wanted: 2));
    }

    [Fact]
    public async Task Sync_KeepsTheSlotsOfAServerAnotherPassSendsThrough_ThoughNoSessionIsOpenYet()
    {
        await TakeAsync("first", limit: 2, wanted: 2);

        // Another pass of the same worker holds server 1's slots while its sessions are still being opened.
        await SyncAsync("first", inFlight: [1]);

        Assert.Empty(await TakeAsync("second", limit: 2, wanted: 2));
    }
}
