namespace MailRouting.Web.Api;

/// <summary>The messages of a batch, in request order.</summary>
public sealed record AcceptedBatch(IReadOnlyList<AcceptedMessage> Items);
