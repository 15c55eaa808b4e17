using System.Diagnostics;
using System.Security.Cryptography;
using MailKit.Net.Smtp;
using MailKit.Security;
using MailRouting.Benchmarks.Targets;
using MimeKit;

namespace MailRouting.Benchmarks.Pipeline;

/// <summary>The baselines written directly against MailKit, with the messages built before the clock starts.</summary>
public static class MailKitLoops
{
    /// <summary>The workload's messages, built before the clock starts.</summary>
    public static MimeMessage[] Build(Workload workload) =>
        [.. Enumerable.Range(0, workload.Count).Select(workload.Message)];

    /// <summary>The ceiling: one authenticated session per connection, the messages shared out between them.</summary>
    public static async Task<TimeSpan> PooledAsync(HarnessMta mta, MimeMessage[] messages, int connections)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async lane =>
        {
            using var client = await ConnectAsync(mta);
            for (var i = lane; i < messages.Length; i += connections)
            {
                await client.SendAsync(messages[i]);
            }

            await client.DisconnectAsync(true);
        }));
        return clock.Elapsed;
    }

    /// <summary>The naive way: connect, EHLO, STARTTLS, AUTH, send and QUIT for every message.</summary>
    public static async Task<TimeSpan> ConnectPerMessageAsync(HarnessMta mta, Workload workload)
    {
        var messages = Build(workload);
        var clock = Stopwatch.StartNew();
        foreach (var message in messages)
        {
            using var client = await ConnectAsync(mta);
            await client.SendAsync(message);
            await client.DisconnectAsync(true);
        }

        return clock.Elapsed;
    }

    private static async Task<SmtpClient> ConnectAsync(HarnessMta mta)
    {
        var client = new SmtpClient
        {
            CheckCertificateRevocation = false,
            ServerCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData())) == mta.CertificateSha256,
        };
        await client.ConnectAsync(mta.Host, mta.SubmissionPort, SecureSocketOptions.StartTls);
        await client.AuthenticateAsync(new SaslMechanismPlain(HarnessMta.Login, HarnessMta.Password));
        return client;
    }
}
