using MailKit.Net.Smtp;
using MailKit.Security;
using MailRouting.Servers;

namespace MailRouting.Delivery;

/// <summary>
/// Connected, authenticated SMTP clients keyed by endpoint and login, so consecutive messages for the same account reuse
/// one session. Owned by one worker pass; disposing it says QUIT to every session.
/// </summary>
public sealed class SmtpSessions : IAsyncDisposable
{
    private readonly Dictionary<string, SmtpClient> clients = [];

    public async Task<SmtpClient> ForAsync(SmtpEndpoint endpoint, CancellationToken ct)
    {
        var key = $"{endpoint.Host}:{endpoint.Port}/{endpoint.Username}";
        if (clients.TryGetValue(key, out var existing) && existing.IsConnected)
        {
            return existing;
        }

        existing?.Dispose();
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

        try
        {
            await client.ConnectAsync(endpoint.Host, endpoint.Port, endpoint.Security switch
            {
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.None,
            }, ct);
            if (endpoint.AuthMethod != SmtpAuthMethod.None)
            {
                await client.AuthenticateAsync(Sasl.Create(endpoint), ct);
            }
        }
        catch
        {
            client.Dispose();
            clients.Remove(key);
            throw;
        }

        clients[key] = client;
        return client;
    }

    /// <summary>Forgets a session after a failure that may have left it unusable.</summary>
    public void Drop(SmtpEndpoint endpoint)
    {
        var key = $"{endpoint.Host}:{endpoint.Port}/{endpoint.Username}";
        if (clients.Remove(key, out var client))
        {
            client.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients.Values)
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
                // The message went out already; a failed QUIT changes nothing.
            }

            client.Dispose();
        }

        clients.Clear();
    }
}
