namespace MailRouting.Web.Api;

/// <summary>Where to send the mailbox's owner to sign in and consent; the provider then returns them to the app's callback page.</summary>
public sealed record ConnectStarted(Uri AuthorizationUrl, Uri RedirectUri);
