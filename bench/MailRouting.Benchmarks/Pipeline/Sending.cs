using MailRouting.TestAuthServer;

namespace MailRouting.Benchmarks.Pipeline;

/// <summary>
/// How a benchmark's server in the app signs in, and how many messages it sends before it opens a new session.
/// </summary>
/// <param name="Provider">XOAUTH2 with a mailbox connected at this authorization server; a password when null.</param>
/// <param name="MessagesPerSession">The server's limit per session; none when null, so sessions stay open.</param>
public sealed record Sending(TestAuthorizationServer? Provider, int? MessagesPerSession)
{
    public static readonly Sending Password = new(null, null);
}
