namespace MailRouting.Readiness;

/// <summary>One identity that signs in somewhere: a server's account, a channel's or a user's own login, and its
/// verdict.</summary>
/// <param name="Kind">Server, Channel or User.</param>
/// <param name="Login">The account that signs in; null when the server takes mail without sign-in.</param>
/// <param name="SignIn">How it signs in, in words: "a password over SMTP", "OAuth2 over SMTP", "Microsoft
/// Graph".</param>
public sealed record ReadinessItem(string Kind, string Id, string Name, string? Login, int ServerId, string ServerName,
    string Provider,
    string SignIn, ReadinessVerdict Verdict, string Reason, string Fix, string Link);
