using MailRouting.ConnectionTests;
using MailRouting.Diagnostics;

namespace MailRouting.Connections;

/// <summary>What an IMAP or POP3 mailbox signs in with: a password or an access token, decrypted or fetched only now.</summary>
/// <param name="TokenStage">For OAuth2, the "token" stage a test shows.</param>
/// <param name="Failure">Why there is nothing to sign in with (no connected mailbox, reconnect needed).</param>
public sealed record MailboxLogin(string Username, string Secret, bool IsToken, TestStage? TokenStage, Diagnostic? Failure);
