using System.Collections.Concurrent;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using MailRouting.Connections;

namespace MailRouting.Tests.Outbox.Delivery;

/// <summary>
/// An SMTP server played from a script, in memory: each connection is a stream that answers the client's commands as the
/// script says (MailKit's own tests work the same way). It records every command, so tests can count sessions and sends.
/// </summary>
public sealed class ScriptedSmtpServer : ISmtpConnector
{
    private int queued;

    public string Ehlo { get; init; } = "250-scripted.test\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-SIZE 10240000\r\n250 AUTH PLAIN LOGIN";

    /// <summary>The reply to AUTH, given the login.</summary>
    public Func<string, string> Auth { get; init; } = _ => "235 2.7.0 Authentication successful";

    /// <summary>The reply to MAIL FROM, given the address and how many messages this session sent before.</summary>
    public Func<string, int, string> MailFrom { get; init; } = (_, _) => "250 2.1.0 Ok";

    public Func<string, string> RcptTo { get; init; } = _ => "250 2.1.5 Ok";

    /// <summary>How long the server takes to accept each message once its data is in.</summary>
    public TimeSpan DataDelay { get; init; }

    /// <summary>When set, every reply comes one byte at a time, this long apart: a server that answers, but too slowly.</summary>
    public TimeSpan Drip { get; init; }

    /// <summary>Thrown instead of connecting, to play a failure nobody foresaw.</summary>
    public Exception? ConnectFailure { get; set; }

    public ConcurrentQueue<string> Commands { get; } = new();

    public int Connections => Commands.Count(c => c.StartsWith("EHLO", StringComparison.Ordinal));

    public int Logins => Commands.Count(c => c.StartsWith("AUTH", StringComparison.Ordinal));

    public IEnumerable<string> Senders => Commands.Where(c => c.StartsWith("MAIL FROM:", StringComparison.Ordinal)).Select(c => c[10..].Split(' ')[0].Trim('<', '>'));

    public int Accepted => queued;

    public async Task ConnectAsync(SmtpClient client, SmtpEndpoint endpoint, CancellationToken ct)
    {
        if (ConnectFailure is { } failure)
        {
            throw failure;
        }

        await client.ConnectAsync(new Conversation(this), endpoint.Host, endpoint.Port, SecureSocketOptions.None, ct);
    }

    private string NextQueueId() => $"Q{Interlocked.Increment(ref queued):D4}";

    /// <summary>One connection: what the client writes is read line by line, and the replies wait to be read.</summary>
    private sealed class Conversation : Stream
    {
        private readonly ScriptedSmtpServer server;
        private readonly StringBuilder pending = new();
        private readonly MemoryStream replies = new();
        private DateTime replyNotBefore;
        private bool inData;
        private bool closed;
        private int sentInSession;

        public Conversation(ScriptedSmtpServer server)
        {
            this.server = server;
            Reply("220 scripted.test ESMTP ready");
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (replies.Position == replies.Length)
            {
                // The client waits for an answer the script does not give: fail now rather than hang the test.
                return closed ? 0 : throw new IOException("The scripted server has nothing more to say.");
            }

            return replies.Read(buffer, offset, count);
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await WaitForReplyAsync(cancellationToken);
            return Read(server.Drip > TimeSpan.Zero ? buffer.Span[..1] : buffer.Span);
        }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            await WaitForReplyAsync(cancellationToken);
            return Read(buffer, offset, server.Drip > TimeSpan.Zero ? 1 : count);
        }

        private async Task WaitForReplyAsync(CancellationToken ct)
        {
            if (server.Drip > TimeSpan.Zero)
            {
                await Task.Delay(server.Drip, ct);
            }

            if (replyNotBefore - DateTime.UtcNow is { Ticks: > 0 } wait)
            {
                await Task.Delay(wait, ct);
            }
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            pending.Append(Encoding.ASCII.GetString(buffer, offset, count));
            int end;
            while ((end = pending.ToString().IndexOf("\r\n", StringComparison.Ordinal)) >= 0)
            {
                var line = pending.ToString(0, end);
                pending.Remove(0, end + 2);
                Handle(line);
            }
        }

        private void Handle(string line)
        {
            if (inData)
            {
                if (line == ".")
                {
                    inData = false;
                    sentInSession++;
                    replyNotBefore = DateTime.UtcNow + server.DataDelay;
                    Reply($"250 2.0.0 Ok: queued as {server.NextQueueId()}");
                }

                return;
            }

            server.Commands.Enqueue(line);
            var verb = line.Split(' ')[0].ToUpperInvariant();
            Reply(verb switch
            {
                "EHLO" => server.Ehlo,
                "AUTH" => server.Auth(Login(line)),
                "MAIL" => server.MailFrom(line[10..].Split(' ')[0].Trim('<', '>'), sentInSession),
                "RCPT" => server.RcptTo(line[8..].Trim('<', '>')),
                "DATA" => "354 End data with <CR><LF>.<CR><LF>",
                "RSET" or "NOOP" => "250 2.0.0 Ok",
                "QUIT" => "221 2.0.0 Bye",
                _ => "502 5.5.2 Error: command not recognized",
            });
            inData = verb == "DATA";
            closed = verb == "QUIT";
        }

        /// <summary>The login of AUTH PLAIN with an initial response: base64 of "\0login\0password".</summary>
        private static string Login(string line) =>
            line.Split(' ') is [_, "PLAIN", var response] ? Encoding.UTF8.GetString(Convert.FromBase64String(response)).Split('\0')[1] : "";

        private void Reply(string text)
        {
            var position = replies.Position;
            replies.Seek(0, SeekOrigin.End);
            replies.Write(Encoding.ASCII.GetBytes(text + "\r\n"));
            replies.Position = position;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
