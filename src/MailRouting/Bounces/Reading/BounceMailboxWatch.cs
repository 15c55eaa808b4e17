using MailKit;
using MailKit.Net.Imap;
using MailRouting.Channels;
using MailRouting.Connections;
using MailRouting.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MailRouting.Bounces.Reading;

/// <summary>
/// Keeps reading one channel's mailbox for bounces: signs in, reads what is new, then waits on IMAP IDLE where the
/// server offers it (new mail ends the wait at once) or polls. A failure is recorded in plain words and the watch
/// signs in again after the poll interval; each mailbox has its own watch, so a slow or offline one holds up no other.
/// </summary>
public sealed class BounceMailboxWatch(int channelId, IServiceScopeFactory scopes, BounceSignal signal,
    BounceOptions options,
    ILogger logger)
{
    private const int CommandSeconds = 30;

    /// <summary>IMAP servers may drop a connection idle for 30 minutes (RFC 9051): an IDLE is renewed before.</summary>
    private static readonly TimeSpan LongestIdle = TimeSpan.FromMinutes(25);

    private TimeSpan Poll => TimeSpan.FromSeconds(options.PollSeconds);

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await WatchOnceAsync(ct);
            await signal.WaitAsync(Poll, ct);
        }
    }

    /// <summary>One connection, kept while reads work; ends at the first failure, recorded.</summary>
    private async Task WatchOnceAsync(CancellationToken ct)
    {
        (IncomingSettings Incoming, MailboxLogin Login)? signIn = null;
        var certificate = new CertificateCheck(null);
        try
        {
            signIn = await WithReaderAsync(reader => reader.SignInOfAsync(channelId, ct));
            if (signIn is not { } mailbox)
            {
                return;
            }

            if (mailbox.Login.Failure is { } noLogin)
            {
                await FailedAsync(noLogin, ct);
                return;
            }

            using var client = new ImapClient { Timeout = CommandSeconds * 1000, CheckCertificateRevocation = false };
            client.ServerCertificateValidationCallback = certificate.Validate;
            await Deadline.RunAsync(TimeSpan.FromSeconds(CommandSeconds), $"Signing in to {mailbox.Incoming.Host}",
                async token =>
            {
                await client.ConnectAsync(mailbox.Incoming.Host ?? "", mailbox.Incoming.Port ?? 0,
                    mailbox.Incoming.Security.ToSocketOptions(), token);
                await MailboxSignIn.SignInAsync(client, mailbox.Login, token);
            }, ct);
            while (!ct.IsCancellationRequested)
            {
                await ReadAsync(client, ct);
                await WaitForMailAsync(client, ct);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var diagnostic = signIn is { } mailbox
                ? MailboxFailures.Explain(exception, mailbox.Incoming, mailbox.Login, certificate, CommandSeconds)
                : ConnectionDiagnostics.Unexpected(exception.Message);
            logger.LogWarning("Reading bounces of channel {ChannelId} failed: {Reason}", channelId, diagnostic.Message);
            await FailedAsync(diagnostic, ct);
        }
    }

    private async Task ReadAsync(ImapClient client, CancellationToken ct)
    {
        var found = await WithReaderAsync(reader => reader.ReadNewAsync(client, channelId, ct));
        if (found > 0)
        {
            logger.LogInformation("Read {Count} bounces from channel {ChannelId}", found, channelId);
        }
    }

    /// <summary>Until new mail arrives (IDLE), the poll interval passes, or someone asks to check now.</summary>
    private async Task WaitForMailAsync(ImapClient client, CancellationToken ct)
    {
        if (!client.Capabilities.HasFlag(ImapCapabilities.Idle))
        {
            await signal.WaitAsync(Poll, ct);
            return;
        }

        using var done = CancellationTokenSource.CreateLinkedTokenSource(ct, signal.Next);
        done.CancelAfter(Poll < LongestIdle ? Poll : LongestIdle);
        void Arrived(object? sender, EventArgs e) => done.Cancel();
        client.Inbox.CountChanged += Arrived;
        try
        {
            await client.IdleAsync(done.Token, ct);
        }
        finally
        {
            client.Inbox.CountChanged -= Arrived;
        }
    }

    private async Task FailedAsync(Diagnostic diagnostic, CancellationToken ct)
    {
        try
        {
            await WithReaderAsync(async reader =>
            {
                await reader.FailedAsync(channelId, diagnostic, ct);
                return true;
            });
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning("The bounce mailbox state of channel {ChannelId} was not saved: {Reason}",
                channelId, exception.Message);
        }
    }

    /// <summary>Each read has a scope of its own: a long-lived watch holds no database context between reads.</summary>
    private async Task<T> WithReaderAsync<T>(Func<BounceMailboxReader, Task<T>> use)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<BounceMailboxReader>());
    }
}
