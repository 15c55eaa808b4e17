using MailRouting.Connections;
using MailRouting.Dkim;
using MailRouting.Outbox;
using MailRouting.Outbox.Claims;
using MailRouting.Outbox.Delivery;
using MailRouting.Servers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MailRouting.Tests.Outbox.Delivery;

/// <summary>
/// Delivery passes over the SMTP transport against scripted SMTP conversations, on an in-memory database.
/// </summary>
public sealed class SmtpDeliveryTests : IAsyncLifetime
{
    private const string Login = OutboxDatabase.Login;
    private readonly SendingOptions options = SendingOptions.From(new ConfigurationBuilder().Build());
    private OutboxDatabase outbox = null!;
    private SmtpSessions? sessions;

    public async Task InitializeAsync() => outbox = await OutboxDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        if (sessions is not null)
        {
            await sessions.DisposeAsync();
        }

        await outbox.DisposeAsync();
    }

    private Task<int> ServerAsync(int? parallel = null, int? perSession = null, string host = "scripted.test",
        int timeoutSeconds = SmtpServer.DefaultTimeoutSeconds) => outbox.ServerAsync(parallel, perSession, host, timeoutSeconds);

    private Task<List<Guid>> QueueAsync(int serverId, int count) => outbox.QueueAsync(serverId, count);

    private Task<List<OutboxMessage>> MessagesAsync() => outbox.MessagesAsync();

    /// <summary>One delivery pass, with sessions kept across passes as the worker keeps them.</summary>
    private async Task<int> RunOnceAsync(ScriptedSmtpServer smtp)
    {
        using var inFlight = new ServersInFlight();
        return await RunOnceAsync(sessions ??= new SmtpSessions(TimeProvider.System, smtp), inFlight);
    }

    private async Task<int> RunOnceAsync(SmtpSessions workerSessions, ServersInFlight inFlight)
    {
        await using var services = outbox.Worker("worker", options, TimeProvider.System);
        var transport = new SmtpTransport(workerSessions, services.GetRequiredService<DkimSigners>());
        return await services.RunOnceAsync(transport, inFlight);
    }

    /// <summary>Polls until the condition holds, for at most 30 s.</summary>
    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            await Task.Delay(20, deadline.Token);
        }
    }

    /// <summary>Hands each server's connections to its own script.</summary>
    private sealed class ConnectorByHost(Dictionary<string, ScriptedSmtpServer> servers) : ISmtpConnector
    {
        public Task ConnectAsync(MailKit.Net.Smtp.SmtpClient client, SmtpEndpoint endpoint, CancellationToken ct) => servers[endpoint.Host].ConnectAsync(client, endpoint, ct);
    }

    [Fact]
    public async Task RunOnce_MessagesForOneLogin_GoOutOverOneSignedInSession()
    {
        var smtp = new ScriptedSmtpServer();
        await QueueAsync(await ServerAsync(), 5);

        Assert.Equal(5, await RunOnceAsync(smtp));

        var messages = await MessagesAsync();
        Assert.All(messages, m => Assert.Equal(MessageStatus.Sent, m.Status));
        Assert.Equal(["Q0001", "Q0002", "Q0003", "Q0004", "Q0005"], messages.Select(m => m.QueueId).Order());
        Assert.All(messages, m => Assert.Null(m.LeaseOwner));
        Assert.Equal((1, 1), (smtp.Connections, smtp.Logins));
        Assert.All(smtp.Senders, s => Assert.Equal(Login, s));
    }

    [Fact]
    public async Task RunOnce_AServerThatAnswersAByteAtATime_IsCutOffAtItsTimeLimit_AndHoldsBackNoOtherServersMail()
    {
        // The greeting alone takes over 6 s; the server's time limit is 4 s. Each byte comes well within any per-read
        // time-out.
        var slow = new ScriptedSmtpServer { Drip = TimeSpan.FromMilliseconds(200) };
        var fast = new ScriptedSmtpServer();
        var slowServer = await ServerAsync(host: "slow.test", timeoutSeconds: 4);
        var fastServer = await ServerAsync(host: "fast.test");
        var slowMessage = (await QueueAsync(slowServer, 1)).Single();
        await using var workerSessions = new SmtpSessions(TimeProvider.System, new ConnectorByHost(new() { ["slow.test"] = slow, ["fast.test"] = fast }));
        using var inFlight = new ServersInFlight();

        var first = RunOnceAsync(workerSessions, inFlight);
        await UntilAsync(async () => (await MessagesAsync()).Single().Status == MessageStatus.Sending);
        await QueueAsync(fastServer, 5);
        var second = await RunOnceAsync(workerSessions, inFlight);
        var whileTheFirstRuns = first.IsCompleted;

        Assert.Equal(5, second);
        Assert.False(whileTheFirstRuns);
        Assert.Equal(5, fast.Accepted);
        Assert.Equal(1, await first);
        var cutOff = (await MessagesAsync()).Single(m => m.Id == slowMessage);
        Assert.Equal(MessageStatus.Retrying, cutOff.Status);
        Assert.Equal("ConnectionTimedOut", cutOff.Attempts.Single().DiagnosticCode);
        Assert.Contains("did not finish within 4 seconds", cutOff.Attempts.Single().ServerReply, StringComparison.Ordinal);
        Assert.Equal(0, slow.Accepted);
    }

    [Fact]
    public async Task RunOnce_AMessageTheServerTakesTooLongToAccept_IsCutOffAndRetried()
    {
        var smtp = new ScriptedSmtpServer { DataDelay = TimeSpan.FromMinutes(5) };
        await QueueAsync(await ServerAsync(timeoutSeconds: 1), 1);

        await RunOnceAsync(smtp);

        var message = (await MessagesAsync()).Single();
        Assert.Equal(MessageStatus.Retrying, message.Status);
        Assert.Equal("ConnectionTimedOut", message.Attempts.Single().DiagnosticCode);
        Assert.Null(message.LeaseOwner);
    }

    [Fact]
    public async Task RunOnce_TemporaryRejection_IsRetriedLaterWithTheSameMessage()
    {
        var smtp = new ScriptedSmtpServer { MailFrom = (_, _) => "450 4.7.1 Greylisted, try again later" };
        await QueueAsync(await ServerAsync(), 1);
        var before = (await MessagesAsync()).Single();

        await RunOnceAsync(smtp);

        var after = (await MessagesAsync()).Single();
        Assert.Equal(MessageStatus.Retrying, after.Status);
        Assert.True(after.NextAttemptAt > DateTime.UtcNow.AddSeconds(10));
        Assert.StartsWith("450", after.Attempts.Single().ServerReply, StringComparison.Ordinal);
        Assert.Equal("TemporaryFailure", after.Attempts.Single().DiagnosticCode);
        Assert.Equal(before.Mime, after.Mime);
        Assert.Null(after.LeaseOwner);
    }

    [Fact]
    public async Task RunOnce_SenderNotOwned_FailsAtOnceWithTheDiagnostic()
    {
        var smtp = new ScriptedSmtpServer { MailFrom = (from, _) => $"553 5.7.1 <{from}>: Sender address rejected: not owned by user {Login}" };
        await QueueAsync(await ServerAsync(), 1);

        await RunOnceAsync(smtp);

        var message = (await MessagesAsync()).Single();
        Assert.Equal(MessageStatus.Failed, message.Status);
        Assert.Equal("SenderNotOwned", message.Attempts.Single().DiagnosticCode);
    }

    [Fact]
    public async Task RunOnce_RejectedPassword_HoldsEveryMessageAndSignsInOnlyOnce()
    {
        var smtp = new ScriptedSmtpServer { Auth = _ => "535 5.7.8 Error: authentication failed" };
        await QueueAsync(await ServerAsync(), 3);

        await RunOnceAsync(smtp);
        await RunOnceAsync(smtp);

        var messages = await MessagesAsync();
        Assert.All(messages, m => Assert.True(m is { Status: MessageStatus.Retrying, HeldForConfiguration: true }));
        Assert.All(messages, m => Assert.Equal("AuthFailed", m.Attempts.Single().DiagnosticCode));
        Assert.Equal(1, smtp.Logins);
    }

    [Fact]
    public async Task RunOnce_ASessionTheServerClosed_IsReopenedOnceWithoutCostingAnAttempt()
    {
        // The server ends an idle session: the next MAIL FROM on it gets 421.
        var smtp = new ScriptedSmtpServer { MailFrom = (_, sentBefore) => sentBefore > 0 ? "421 4.4.2 scripted.test Error: timeout exceeded" : "250 2.1.0 Ok" };
        var server = await ServerAsync();
        await QueueAsync(server, 1);
        await RunOnceAsync(smtp);
        await QueueAsync(server, 1);

        await RunOnceAsync(smtp);

        var messages = await MessagesAsync();
        Assert.All(messages, m => Assert.Equal(MessageStatus.Sent, m.Status));
        Assert.All(messages, m => Assert.Single(m.Attempts));
        Assert.Equal(2, smtp.Connections);
    }

    [Theory]
    [InlineData(null, null, 30, 1)]
    [InlineData(3, null, 30, 3)]
    [InlineData(null, 4, 10, 3)]
    public async Task RunOnce_OpensAsManySessionsAsTheServerAllowsAndNeeds(int? parallel, int? perSession, int messages, int connections)
    {
        var smtp = new ScriptedSmtpServer();
        await QueueAsync(await ServerAsync(parallel, perSession), messages);

        await RunOnceAsync(smtp);

        Assert.All(await MessagesAsync(), m => Assert.Equal(MessageStatus.Sent, m.Status));
        Assert.Equal(connections, smtp.Connections);
        Assert.Equal(messages, smtp.Accepted);
    }

    [Fact]
    public async Task RunOnce_AFailureNobodyForesaw_FailsTheMessageInsteadOfLeavingItSending()
    {
        var smtp = new ScriptedSmtpServer { ConnectFailure = new InvalidOperationException("Something nobody planned for.") };
        await QueueAsync(await ServerAsync(), 2);

        await RunOnceAsync(smtp);

        var messages = await MessagesAsync();
        Assert.All(messages, m => Assert.Equal(MessageStatus.Failed, m.Status));
        Assert.All(messages, m => Assert.Null(m.LeaseOwner));
        Assert.All(messages, m => Assert.Equal("Unknown", m.Attempts.Single().DiagnosticCode));
        Assert.Equal(0, smtp.Accepted);
    }
}
