namespace MailRouting.OAuth;

/// <summary>A login that can be connected: whose it is, the app it connects through and the account that must consent.</summary>
/// <param name="Description">How a sentence names the owner: "the server Office", "the channel Support", "your profile".</param>
/// <param name="Transport">How the server sends, which decides the permission to ask for (SMTP.Send or Graph's
/// Mail.Send).</param>
public sealed record GrantTarget(GrantKey Key, int AppId, string Login, string Description,
    Servers.ServerTransport Transport = Servers.ServerTransport.Smtp);
