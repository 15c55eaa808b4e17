using MailRouting.Connections;
using MailRouting.Servers;

namespace MailRouting.ConnectionTests;

/// <summary>
/// Tests a sign-in the way its server sends: an SMTP session stage by stage, or through its HTTP mail API.
/// </summary>
public sealed class SignInTester(SmtpConnectionTester smtp, ApiConnectionTester api)
{
    public Task<ConnectionTestReport> TestAsync(SignIn signIn, TestMessage? message, CancellationToken ct) =>
        signIn.Endpoint?.Transport.IsHttpApi() == true
            ? api.TestAsync(signIn, message, ct)
            : smtp.TestAsync(signIn, message, ct);
}
