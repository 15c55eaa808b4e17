namespace MailRouting.Resolution;

/// <summary>
/// How one message goes out: server, login and addresses. Only <see cref="SenderResolver"/> can build one, so every
/// plan has passed the rules of DESIGN §2.
/// </summary>
public sealed class SendPlan
{
    internal SendPlan(RoutingServer server, CredentialSource credentials, string? login, Mailbox from, string? replyTo, IReadOnlyList<string> steps)
    {
        Server = server;
        Credentials = credentials;
        Login = login;
        From = from;
        ReplyTo = replyTo;
        Steps = steps;
    }

    public RoutingServer Server { get; }
    public CredentialSource Credentials { get; }

    /// <summary>The account that authenticates; null when the server takes mail without sign-in.</summary>
    public string? Login { get; }

    public Mailbox From { get; }

    /// <summary>Where bounces go: the server's bounce address, else the From address.</summary>
    public string EnvelopeFrom => Server.BounceAddress ?? From.Address;

    /// <summary>The envelope sender of one message: with VERP, its id is added so its bounce names it.</summary>
    public string EnvelopeFor(Guid message) => Server.Verp ? Bounces.Verp.Address(EnvelopeFrom, message) : EnvelopeFrom;

    public string? ReplyTo { get; }
    public IReadOnlyList<string> Steps { get; }

    public string Summary => $"goes out via {Server.Name}" + (Login is null ? " without signing in" : $", signed in as {Login}") + $", From: {From.Name} <{From.Address}>"
        + (ReplyTo is null ? "" : $", Reply-To: {ReplyTo}");
}
