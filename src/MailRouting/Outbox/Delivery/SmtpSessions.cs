using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using MailKit.Net.Smtp;
using MailRouting.Connections;
using MailRouting.Servers;

namespace MailRouting.Outbox.Delivery;

/// <summary>
/// Connected, authenticated SMTP clients keyed by login and lane, so consecutive messages for the same account reuse a
/// session and parallel lanes each have their own. One task at a time per lane; idle sessions are closed between
/// delivery passes, and disposing says QUIT to all.
/// </summary>
public sealed class SmtpSessions(TimeProvider time, ISmtpConnector connector) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string Account, int Lane), SmtpClient> clients = [];
    private readonly ConcurrentDictionary<(string Account, int Lane), DateTimeOffset> lastUsed = [];
    private readonly ConcurrentDictionary<(string Account, int Lane), int> sent = [];

    /// <summary>Sessions being opened: they hold their slots as open ones do.</summary>
    private readonly ConcurrentDictionary<(string Account, int Lane), bool> opening = [];

    /// <summary>Credentials the server rejected: not tried again until the password (or login) changes, so no lockout storm.</summary>
    private readonly ConcurrentDictionary<string, bool> rejected = [];

    public int Count => clients.Count;

    /// <summary>The open sessions: login (as <see cref="AccountOf"/> names it) and lane.</summary>
    public IReadOnlyCollection<(string Account, int Lane)> Open => [.. clients.Keys.Concat(opening.Keys).Distinct().Select(k => (Hash(k.Account), k.Lane))];

    /// <summary>The login an endpoint signs in as (server, port and user name), named the same on every instance and without the name itself.</summary>
    public static string AccountOf(SmtpEndpoint endpoint) => Hash(Account(endpoint));

    private static string Hash(string account) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(account)));

    /// <param name="lane">Which of the login's parallel sessions, from 0 up to the server's limit.</param>
    /// <returns>The client, and whether it is a session opened earlier (which the server may have closed meanwhile).</returns>
    public async Task<(SmtpClient Client, bool Reused)> ForAsync(SmtpEndpoint endpoint, CancellationToken ct, int lane = 0)
    {
        var key = Key(endpoint, lane);
        lastUsed[key] = time.GetUtcNow();
        if (clients.TryGetValue(key, out var existing) && existing.IsConnected)
        {
            if (endpoint.MaxMessagesPerSession is not { } limit || sent.GetValueOrDefault(key) < limit)
            {
                sent[key] = sent.GetValueOrDefault(key) + 1;
                return (existing, true);
            }

            // The provider's per-session limit is reached: end this session politely and open a fresh one.
            clients.TryRemove(key, out _);
            await QuitAsync(existing);
            existing = null;
        }

        existing?.Dispose();
        var credentials = Credentials(endpoint);
        if (rejected.ContainsKey(credentials))
        {
            throw new MailKit.Security.AuthenticationException(
                $"The server rejected the sign-in of {endpoint.Username} earlier; it is not tried again until its password (or access token) changes.");
        }

        var certificate = new CertificateCheck(endpoint.PinnedCertificateSha256);
        var client = new SmtpClient
        {
            Timeout = endpoint.TimeoutSeconds * 1000,
            CheckCertificateRevocation = false,
            ServerCertificateValidationCallback = certificate.Validate,
        };
        if (!string.IsNullOrWhiteSpace(endpoint.ClientName))
        {
            client.LocalDomain = endpoint.ClientName;
        }

        opening[key] = true;
        try
        {
            await Deadline.RunAsync(endpoint.OpenLimit, $"Opening the session with {endpoint.Host}:{endpoint.Port}", async token =>
            {
                await connector.ConnectAsync(client, endpoint, token);
                if (endpoint.AuthMethod != SmtpAuthMethod.None)
                {
                    await client.AuthenticateAsync(Sasl.Create(endpoint, client.AuthenticationMechanisms), token);
                }
            }, ct);
        }
        catch (MailKit.Security.AuthenticationException)
        {
            rejected[credentials] = true;
            client.Dispose();
            clients.TryRemove(key, out _);
            throw;
        }
        catch (MailKit.Security.SslHandshakeException exception) when (certificate.Certificate is { Accepted: false } seen)
        {
            client.Dispose();
            clients.TryRemove(key, out _);
            throw new UntrustedCertificateException(seen, exception);
        }
        catch
        {
            client.Dispose();
            clients.TryRemove(key, out _);
            throw;
        }
        finally
        {
            opening.TryRemove(key, out _);
        }

        clients[key] = client;
        sent[key] = 1;
        return (client, false);
    }

    /// <summary>Forgets a session after a failure that may have left it unusable.</summary>
    public void Drop(SmtpEndpoint endpoint, int lane = 0)
    {
        if (clients.TryRemove(Key(endpoint, lane), out var client))
        {
            client.Dispose();
        }
    }

    /// <summary>Says QUIT to sessions unused for <paramref name="idle"/>, before the server times them out.</summary>
    public async Task CloseIdleAsync(TimeSpan idle)
    {
        var now = time.GetUtcNow();
        foreach (var key in clients.Keys.Where(k => now - lastUsed[k] >= idle).ToList())
        {
            if (clients.TryRemove(key, out var client))
            {
                await QuitAsync(client);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients.Values)
        {
            await QuitAsync(client);
        }

        clients.Clear();
    }

    private static async Task QuitAsync(SmtpClient client)
    {
        try
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync(true);
            }
        }
        catch (Exception exception) when (exception is IOException or MailKit.ProtocolException or MailKit.CommandException)
        {
            // Every message went out already; a failed QUIT changes nothing.
        }

        client.Dispose();
    }

    private static (string Account, int Lane) Key(SmtpEndpoint endpoint, int lane) => (Account(endpoint), lane);

    private static string Account(SmtpEndpoint endpoint) => $"{endpoint.Host}:{endpoint.Port}/{endpoint.Username}";

    /// <summary>The account plus a hash of the password: a new password is a new chance, and the password itself is not kept.</summary>
    private static string Credentials(SmtpEndpoint endpoint) =>
        Account(endpoint) + "/" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(endpoint.Password ?? "")));
}
