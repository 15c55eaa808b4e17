using MailRouting.ConnectionTests;
using MailRouting.Diagnostics;
using MailRouting.OAuth;

namespace MailRouting.Connections;

/// <summary>How a session signs in: its endpoint with the password or access token, or why it cannot.</summary>
/// <param name="Token">Null for a password login.</param>
/// <param name="TokenStage">For OAuth2, how getting the token went, as a connection test shows it.</param>
public sealed record SignIn(SmtpEndpoint? Endpoint, AccessTokenResult? Token, GrantKey Grant, TestStage? TokenStage)
{
    public Diagnostic? Failure => Token?.Failure;
}
