using MailRouting.Connections;
using MailRouting.Servers;

namespace MailRouting.ConnectionTests;

/// <summary>Tests a sign-in the way its server sends: an SMTP session stage by stage, or through Microsoft Graph.</summary>
public sealed class SignInTester(SmtpConnectionTester smtp, GraphConnectionTester graph)
{
    public Task<ConnectionTestReport> TestAsync(SignIn signIn, TestMessage? message, CancellationToken ct) =>
        signIn.Endpoint?.Transport == ServerTransport.MicrosoftGraph
            ? graph.TestAsync(signIn, message, ct)
            : smtp.TestAsync(signIn, message, ct);
}
