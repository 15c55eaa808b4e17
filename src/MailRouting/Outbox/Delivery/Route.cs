using MailRouting.Connections;
using MailRouting.OAuth;
using MailRouting.Outbox.Outcomes;

namespace MailRouting.Outbox.Delivery;

/// <summary>How one login's messages go out in this pass: its endpoint and parallel sessions, or why none can.</summary>
/// <param name="Grant">The OAuth2 grant the login's access token comes from, to forget a token the server refused.</param>
public sealed record Route(SmtpEndpoint? Endpoint, int Lanes, SendFailure? Failure, GrantKey Grant);
