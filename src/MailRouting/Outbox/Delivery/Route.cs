using MailRouting.Connections;
using MailRouting.OAuth;
using MailRouting.Outbox.Outcomes;
using MailRouting.Resolution;

namespace MailRouting.Outbox.Delivery;

/// <summary>How one login's messages go out in this pass: its endpoint and parallel sessions, or why none can.</summary>
/// <param name="Grant">The OAuth2 grant the login's access token comes from, to forget a token the server refused.</param>
/// <param name="Server">The server the messages go through, as the resolver sees it.</param>
/// <param name="Fallback">The server it names as its fallback, when it names one.</param>
public sealed record Route(SmtpEndpoint? Endpoint, int Lanes, SendFailure? Failure, GrantKey Grant,
    RoutingServer? Server = null, RoutingServer? Fallback = null);
