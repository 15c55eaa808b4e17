namespace MailRouting.Deliverability;

/// <summary>What SPF says about one sending address, and why.</summary>
/// <param name="Record">The domain's SPF record; null when it has none (or DNS did not answer).</param>
/// <param name="Reason">The term that decided, or what broke the record: "ip4:203.0.113.0/24", "~all", "11 DNS
/// lookups".</param>
/// <param name="Lookups">The DNS lookups the record needed, counted as RFC 7208 §4.6.4 counts them.</param>
public sealed record SpfCheck(SpfResult Result, string Domain, string? Record, string Reason, int Lookups);
