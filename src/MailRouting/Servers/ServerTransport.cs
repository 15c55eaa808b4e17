namespace MailRouting.Servers;

/// <summary>How a server carries out a send plan: SMTP, or a provider's HTTP mail API with the same MIME.</summary>
public enum ServerTransport
{
    Smtp,

    /// <summary>Microsoft Graph's sendMail (POST /users/{mailbox}/sendMail with the MIME as base64 text).</summary>
    MicrosoftGraph,

    /// <summary>The Gmail API's users.messages.send with the raw MIME (a media upload for large messages).</summary>
    GmailApi,
}

public static class ServerTransports
{
    /// <summary>Where each transport is found when the admin names no host: the providers' public endpoints.</summary>
    public static string DefaultHost(this ServerTransport transport) => transport switch
    {
        ServerTransport.MicrosoftGraph => "graph.microsoft.com",
        ServerTransport.GmailApi => "gmail.googleapis.com",
        _ => "",
    };

    public static bool IsHttpApi(this ServerTransport transport) => transport != ServerTransport.Smtp;

    public static string Describe(this ServerTransport transport) => transport switch
    {
        ServerTransport.MicrosoftGraph => "Microsoft Graph",
        ServerTransport.GmailApi => "the Gmail API",
        _ => "SMTP",
    };
}
