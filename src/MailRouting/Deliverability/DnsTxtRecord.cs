namespace MailRouting.Deliverability;

/// <summary>A TXT record to publish in the domain's DNS, exactly as it must read.</summary>
public sealed record DnsTxtRecord(string Name, string Value);
