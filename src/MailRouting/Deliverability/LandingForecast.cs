namespace MailRouting.Deliverability;

/// <summary>
/// What receivers will decide about mail from one address through one server, said before any is sent.
/// </summary>
/// <param name="Summary">One sentence: "DMARC p=reject: mail from support@acme.test through this server will be
/// rejected."</param>
/// <param name="Findings">What SPF and DMARC say, one sentence each.</param>
/// <param name="Fix">What to change; null when nothing needs to.</param>
/// <param name="Publish">The record the fix asks for, when it is one.</param>
public sealed record LandingForecast(LandingVerdict Verdict, string Summary, IReadOnlyList<string> Findings,
    string? Fix,
    DnsTxtRecord? Publish)
{
    public static LandingForecast CannotTell(string why) => new(LandingVerdict.Unknown, why, [], null, null);
}
