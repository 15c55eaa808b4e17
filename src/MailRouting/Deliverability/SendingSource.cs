namespace MailRouting.Deliverability;

/// <summary>Where receivers see the mail come from, and the SPF term that allows it.</summary>
/// <param name="Description">"127.0.0.1 (smtp.example.net)" or "Microsoft 365's servers".</param>
/// <param name="Allowing">The term to add to the SPF record: "ip4:203.0.113.5",
/// "include:spf.protection.outlook.com".</param>
public sealed record SendingSource(string Description, string Allowing);
